// Where the oracle under the plan disagrees with a script, the plan decides
// (issue 15, defect 4): after a trap the script expects, the plan's instance
// is fresh, so the check is not expressible; anywhere else the oracle is
// wrong, and that is reported, never passed off as "not expressible".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { REASON_AFTER_RESET, runSuite } from './run-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-oracle-errors-'));
const oracle = new ReferenceAdapter();
const reference = new ReferenceAdapter();
afterAll(async () => {
  await Promise.all([oracle.close(), reference.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('the oracle disagreeing with a script', () => {
  it('is an oracle error where the plan does not explain it', async () => {
    // the script is wrong here, as an oracle bug would look: 1 + 1 is not 3
    const file = script('wrong.wast', `(module (func (export "two") (result i32) (i32.add (i32.const 1) (i32.const 1))))
(assert_return (invoke "two") (i32.const 3))
(assert_return (invoke "two") (i32.const 2))`);
    const r = await runSuite({ files: [file], runtimes: [reference], oracle, timeoutMs: 20_000 });
    expect(r.oracleErrors).toEqual([{ at: expect.stringMatching(/wrong\.wast:2$/), command: 'assert_return (invoke "two")', expected: 'i32:3', actual: 'i32:00000002' }]);
    expect(r.files[0]!.reasons).toEqual([expect.stringMatching(/^oracle error: .* \(1\)$/)]);
    expect(r.totals.reference).toEqual({ passed: 2, failed: 0, unsupported: 1, superseded: 0 });
  });

  it('is not expressible after a trap the script expects (the plan goes on on a fresh instance)', async () => {
    const file = script('reset.wast', `(module (memory 1)
  (func (export "store-then-trap") (i32.store (i32.const 0) (i32.const 5)) unreachable)
  (func (export "load") (result i32) (i32.load (i32.const 0))))
(assert_trap (invoke "store-then-trap") "unreachable")
(assert_return (invoke "load") (i32.const 5))`);
    const r = await runSuite({ files: [file], runtimes: [reference], oracle, timeoutMs: 20_000 });
    expect(r.oracleErrors).toEqual([]);
    expect(r.files[0]!.reasons).toEqual([`${REASON_AFTER_RESET} (1)`]);
  });
});
