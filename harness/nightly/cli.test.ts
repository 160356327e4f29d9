// `wasmdiff nightly` and `wasmdiff merge -o` as a user meets them: a real
// process; usage and environment errors are one line and exit 2 before
// anything runs; --report-only writes the three files from a database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { projectRoot } from '../testsuite.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function wasmdiff(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function store(name: string, signatures: string[]): void {
  const s = openStore(join(dir, name));
  const run = s.beginRun('fuzz', {});
  for (const signature of signatures) s.recordFinding({ signature, kind: 'wrong-result', summary: `bad ${signature}`, runtimes: ['v8'], details: {}, repro: {} }, run);
  s.close();
}

describe('wasmdiff nightly', () => {
  it.each([
    [['--shard', '5/4'], /^wasmdiff: nightly: --shard must be i\/n with 1 <= i <= n \(e\.g\. 2\/4\), got 5\/4\n$/],
    [['--budget', 'soon'], /^wasmdiff: nightly: --budget must be a duration such as 5m, 30m or 2h, got soon\n$/],
    [['--runtimes', 'nosuch'], /^wasmdiff: nightly: unknown runtime nosuch in --runtimes; known: .*\n$/],
    [['--baseline', 'missing.json'], /^wasmdiff: cannot read missing\.json: no such file or directory\n$/],
    [['--suite', '1.0'], /^wasmdiff: nightly: --suite takes 3\.0, 2\.0 or both \(3\.0,2\.0\), got 1\.0\n$/],
    [['--report-only', '--db', 'none.db'], /^wasmdiff: nightly: no database at none\.db; .*\n$/],
  ])('%j is one line and exit 2', (args, message) => {
    const r = wasmdiff('nightly', ...args);
    expect(r.stderr.replace(/^npm warn.*\n/gm, '')).toMatch(message);
    expect(r.status).toBe(2);
  });

  it('--report-only writes the three files, exit 1 for new findings, 0 when the baseline lists them', () => {
    store('night.db', ['s1', 's2']);
    const r = wasmdiff('nightly', '--report-only', '--db', 'night.db', '--out', 'rep');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('wrote rep/report.html, rep/summary.md, rep/junit.xml; 2 new finding(s)\n');
    expect(readFileSync(join(dir, 'rep/junit.xml'), 'utf8').match(/<failure /g)).toHaveLength(2);
    writeFileSync(join(dir, 'wasmdiff-baseline.json'), JSON.stringify({ findings: [{ signature: 's1', reason: 'known' }, { signature: 's2', reason: 'known' }] }));
    const known = wasmdiff('nightly', '--report-only', '--db', 'night.db', '--out', 'rep2');
    rmSync(join(dir, 'wasmdiff-baseline.json'));
    expect([known.status, known.stdout]).toEqual([0, 'wrote rep2/report.html, rep2/summary.md, rep2/junit.xml; 0 new finding(s)\n']);
  });
});

describe('wasmdiff merge -o', () => {
  it('merges A.db B.db into the -o file', () => {
    store('a.db', ['x']);
    store('b.db', ['x', 'y']);
    const r = wasmdiff('merge', 'a.db', 'b.db', '-o', 'all.db');
    expect([r.status, r.stdout]).toEqual([0, 'merged 2 run(s) and 3 new or changed finding(s) from 2 store(s) into all.db\n']);
    expect(existsSync(join(dir, 'wasmdiff.db'))).toBe(false);
    const s = openStore(join(dir, 'all.db'));
    expect(s.listFindings().map((f) => [f.signature, f.count])).toEqual([['x', 2], ['y', 1]]);
    s.close();
  });
});
