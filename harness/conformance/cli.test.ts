// `wasmdiff spec --runtimes`, `findings` and `show` as a user meets them: real
// processes, exit statuses; and `spec` without --runtimes keeps the
// oracle-only output CI reads. The commands run in the project folder (the
// reference adapter's worker loads tsx from there when run from source),
// with every file in a scratch folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../testsuite.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-conformance-cli-'));
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function wasmdiff(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WAST = `(module (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))
(assert_return (invoke "div" (i32.const 7) (i32.const 2)) (i32.const 3))
(assert_trap (invoke "div" (i32.const 7) (i32.const 0)) "integer divide by zero")
(assert_malformed (module quote "(func") "unexpected end")
`;

describe('wasmdiff spec --runtimes, findings, show', () => {
  const wast = join(dir, 'div.wast');
  const db = join(dir, 'run.db');
  writeFileSync(wast, WAST);

  it('without --runtimes: the oracle-only output, unchanged', () => {
    const r = wasmdiff('spec', wast);
    expect(r.stdout).toBe(`${wast}: 4 passed, 0 failed, 0 skipped\ntotal: 4 passed, 0 failed, 0 skipped\n`);
    expect(r.status).toBe(0);
    expect(existsSync(db)).toBe(false);
  });

  it('with --runtimes: totals per runtime printed and stored, JSON as specified, exit 0 with no new findings', () => {
    const r = wasmdiff('spec', '--runtimes', 'reference,v8', '--db', db, '--json', wast);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals).toEqual({ reference: { passed: 3, failed: 0, unsupported: 1, superseded: 0 }, v8: { passed: 3, failed: 0, unsupported: 1, superseded: 0 } });
    expect(doc.files[1]).toMatchObject({ file: wast, runtime: 'v8', reasons: ['text-format assertion, no binary to run (1)'] });
    expect(r.stderr).toContain(`[1/1] ${wast}: v8`);
    const listed = wasmdiff('findings', '--db', db, '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]);
  }, 60_000);

  it('bad input: one line, exit 2', () => {
    const unknown = wasmdiff('spec', '--runtimes', 'nope', wast);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^wasmdiff: spec: unknown runtime nope; known: reference, v8/);
    const missing = wasmdiff('show', '7', '--db', db);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`wasmdiff: show: no finding 7 in ${db}; list them with: wasmdiff findings --db ${db}\n`);
    writeFileSync(join(dir, 'text.db'), 'not a database');
    const foreign = wasmdiff('findings', '--db', join(dir, 'text.db'));
    expect(foreign.status).toBe(2);
    expect(foreign.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
