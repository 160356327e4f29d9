// `wasmdiff fuzz` as a user runs it: real processes, exit statuses, the
// summary with coverage, one-line errors for bad options, and Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../testsuite.js';
import { openStore } from '../store/store.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-fuzz-cli-'));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const argv = (args: string[]) => ['--import', tsx, join(root, 'harness/cli/main.ts'), 'fuzz', ...args];

function wasmdiffFuzz(...args: string[]) {
  // from the project folder: the reference adapter's worker (under the faulty one) resolves tsx from the working folder
  const r = spawnSync(process.execPath, argv(args), { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('wasmdiff fuzz', () => {
  it('exits 1 on new findings, prints them and the coverage, and 0 when the same run finds nothing new', () => {
    const db = join(dir, 'found.db');
    const args = ['--runtimes', 'faulty-rem-sign', '--focus', 'i32.rem_s', '--cases', '2', '--seed', '5', '--db', db];
    const first = wasmdiffFuzz(...args);
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/^fuzz: 2 cases in .* seed 5, stopped by cases/m);
    expect(first.stdout).toMatch(/#1 new wrong-result on faulty-rem-sign/);
    expect(first.stdout).toMatch(/^coverage: \d+ of \d+ opcodes executed on the oracle; missing: /m);
    expect(first.stdout).toMatch(/^operand classes: [1-9]\d* of \d{4} \(instruction, operand, class\) triples executed on the oracle/m);
    expect(first.stdout).toMatch(/^trap conditions: [1-9]\d* \(instruction, trap\) pairs fired on the oracle, commonest: /m);
    expect(first.stdout).toMatch(/^coverage growth \(cases: opcodes\/triples\): 1: \d+\/\d+/m);
    expect(first.stdout).toMatch(/^cases per target profile \(the features a case may use, planned share\): faulty-rem-sign \[everything\] 2 \(100\.0%\)$/m);
    const second = wasmdiffFuzz(...args);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/findings: 0 new, 1 distinct/);
  }, 240_000);

  it.each([
    [['--shard', '2/2'], /^wasmdiff: fuzz: --shard must be i\/n with 0 <= i < n, got 2\/2$/],
    [['--time', 'soon'], /^wasmdiff: fuzz: --time must be a duration like 90s, 10m or 1h, got soon$/],
    [['--focus', 'i32.frobnicate'], /^wasmdiff: fuzz: --focus names no 2.0 instruction: i32.frobnicate$/],
    [['--runtimes', 'nosuch'], /^wasmdiff: fuzz: unknown runtime nosuch; known: /],
  ])('rejects %j with one line and exit 2', (args, message) => {
    const r = wasmdiffFuzz(...args, '--db', join(dir, 'bad.db'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  }, 60_000);

  it('stops cleanly on Ctrl-C, keeping the run and what it found', async () => {
    const db = join(dir, 'sigint.db');
    const child = spawn(process.execPath, argv(['--runtimes', 'faulty-rem-sign', '--focus', 'i32.rem_s', '--time', '1h', '--seed', '9', '--db', db]), { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // wait until the first cases ran (progress is printed every 5 s when stderr is not a terminal)
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/fuzz: \d+ cases/.test(stderr)) {
          clearInterval(poll);
          resolve();
        }
      }, 200);
    });
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/stopping after the case in flight/);
    expect(status).toBe(1);
    expect(stdout).toMatch(/stopped by signal/);
    const store = openStore(db);
    try {
      expect(store.runs(1)[0]!.finishedAt).not.toBeNull();
      expect(store.listFindings().length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 240_000);
});
