// `wasmdiff merge` as a user meets it: a real process, real store files,
// exit statuses and the one-line error for a file that is not a store.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/store.js';
import { projectRoot } from '../../testsuite.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-merge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function wasmdiff(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function shard(name: string, signatures: string[]): void {
  const s = openStore(join(dir, name));
  const run = s.beginRun('fuzz', { shard: name });
  for (const signature of signatures)
    s.recordFinding({ signature, kind: 'wrong-result', summary: signature, runtimes: ['v8'], details: {}, repro: {} }, run);
  s.close();
}

describe('wasmdiff merge', () => {
  it('merges shards into ./wasmdiff.db by default and into --db FILE, with --json', () => {
    shard('s1.db', ['a', 'b']);
    shard('s2.db', ['b', 'c']);
    const text = wasmdiff('merge', 's1.db', 's2.db');
    expect([text.status, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toBe('merged 2 run(s) and 4 new or changed finding(s) from 2 store(s) into wasmdiff.db\n');
    const s = openStore(join(dir, 'wasmdiff.db'));
    expect(s.listFindings().map((f) => [f.signature, f.count])).toEqual([['a', 1], ['b', 2], ['c', 1]]);
    s.close();
    const json = wasmdiff('merge', '--json', '--db', 'all.db', 's1.db');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ findings: 2, runs: 1, target: 'all.db' });
  });

  it('a source that is not a store: one line naming it, exit 2', () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const r = wasmdiff('merge', 'notes.txt');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('wasmdiff: notes.txt is not a SQLite database, so not a wasmdiff store; pass --db with another file or move it away\n');
  });
});
