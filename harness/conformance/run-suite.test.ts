// End to end: small .wast files on the reference adapter and V8 into a
// temporary store; a fault-injected V8 (one invocation result altered) gives
// exactly one finding, with WAT and a repro command, and re-running it counts
// the same finding again instead of adding one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../../adapters/adapter.js';
import type { Plan, RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { V8Adapter } from '../../adapters/v8/v8.js';
import { openStore } from '../store/store.js';
import { loadInvocations, writeReproFiles, reproRecipe } from './repro.js';
import { REASON_AFTER_RESET, runSuite } from './run-suite.js';
import { REASON_IMPORTS, REASON_QUOTE } from './translate.js';

const STATEFUL = `
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "boom") unreachable)
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0))))
(assert_return (invoke "inc") (i32.const 1))
(assert_return (invoke "add") (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_trap (invoke "boom") "unreachable")
(assert_return (invoke "inc") (i32.const 2))
`.replace('(invoke "add") (i32.const 1) (i32.const 2)) (i32.const 3))', '(invoke "add" (i32.const 2) (i32.const 2)) (i32.const 4))');

const MODULES = `
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(func") "unexpected end")
(module (import "registered" "f" (func (param i32))))
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
`;

/** V8 with one fault: `add(1, 2)` returns 4. Subclassing V8Adapter keeps its repro command. */
class FaultyV8 extends V8Adapter {
  constructor() {
    super();
    Object.defineProperty(this, 'id', { value: 'v8-faulty' });
  }

  override async run(plan: Plan, options?: RunOptions): Promise<RunOutcome> {
    const out = await super.run(plan, options);
    plan.invocations.forEach((inv, i) => {
      const a = inv.args.map((v) => ('bits' in v ? String(v.bits) : '')).join(',');
      if (inv.export === 'add' && a === '1,2') out.invocations[i] = { kind: 'values', values: [{ type: 'i32', bits: 4 }] };
    });
    return out;
  }
}

describe('runSuite on reference and V8', () => {
  let dir: string;
  let files: string[];
  const oracle = new ReferenceAdapter();
  const reference = new ReferenceAdapter();
  const v8 = new V8Adapter();
  const faulty = new FaultyV8();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wasmdiff-conformance-'));
    files = [join(dir, 'stateful.wast'), join(dir, 'modules.wast')];
    writeFileSync(files[0]!, STATEFUL);
    writeFileSync(files[1]!, MODULES);
  });

  afterAll(async () => {
    await Promise.all([oracle, reference, v8, faulty].map((a) => a.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('judges every command per runtime and file, with reasons for the unsupported ones', async () => {
    const store = openStore(join(dir, 'plain.db'));
    const r = await runSuite({ files, runtimes: [reference, v8], oracle, store, timeoutMs: 20_000 });
    store.close();
    expect(r.findings).toEqual([]);
    expect(r.totals).toEqual({ reference: { passed: 9, failed: 0, unsupported: 3, superseded: 0 }, v8: { passed: 9, failed: 0, unsupported: 3, superseded: 0 } });
    const stateful = r.files.find((f) => f.file === files[0] && f.runtime === 'v8')!;
    // after the trap the plan's instance is fresh: inc gives 1 again, the script expects 2
    expect(stateful).toMatchObject({ passed: 6, failed: 0, unsupported: 1 });
    expect(stateful.reasons).toEqual([`${REASON_AFTER_RESET} (1)`]);
    expect(r.oracleErrors).toEqual([]);
    const modules = r.files.find((f) => f.file === files[1] && f.runtime === 'v8')!;
    expect(modules.reasons).toEqual([`${REASON_QUOTE} (1)`, `${REASON_IMPORTS} (1)`]);
    const again = openStore(join(dir, 'plain.db'));
    expect(again.specMatrix()?.rows.length).toBe(2);
    again.close();
  });

  it('turns one altered result into exactly one finding with WAT and repro; a re-run counts it again', async () => {
    const db = join(dir, 'faulty.db');
    let store = openStore(db);
    const first = await runSuite({ files, runtimes: [faulty], oracle, store, timeoutMs: 20_000 });
    store.close();
    expect(first.totals['v8-faulty']).toEqual({ passed: 8, failed: 1, unsupported: 3, superseded: 0 });
    expect(first.findings).toHaveLength(1);
    expect(first.findings[0]).toMatchObject({ isNew: true, count: 1, kind: 'wrong-result', runtimes: ['v8-faulty'], family: 'v8-faulty', occurrences: 1 });

    store = openStore(db);
    const second = await runSuite({ files, runtimes: [faulty], oracle, store, timeoutMs: 20_000 });
    expect(second.findings).toHaveLength(1);
    expect(second.findings[0]).toMatchObject({ id: first.findings[0]!.id, isNew: false, count: 2 });
    const f = store.getFinding(first.findings[0]!.id)!;
    const module = store.getModule(f.moduleHash!)!.bytes;
    store.close();
    expect(f.wat).toContain('(export "add"');
    expect(f.wat).toContain('i32.add');
    expect(f.details).toMatchObject({ at: expect.stringMatching(/stateful\.wast:10$/), expected: 'i32:3', actual: { 'v8-faulty': 'i32:00000004' } });
    expect(f.repro['v8-faulty']).toMatch(/run-v8\.mjs driver\.wasm$/);

    // the repro runs as written: the driver prints the real (unfaulted) V8 result for add(1, 2), 3
    const out = join(dir, 'repro');
    const recipe = (await reproRecipe(faulty, 'driver'))!;
    const invocations = loadInvocations((f.details as { invocations: never[] }).invocations);
    writeReproFiles(out, module, invocations, [recipe]);
    const printed = execFileSync(recipe.argv[0]!, recipe.argv.slice(1), { cwd: out, encoding: 'utf8' });
    expect(printed).toContain(`@0000000${invocations.length - 1}\n= 00000003\n`);
    expect(readFileSync(join(out, 'module.wasm'))).toEqual(Buffer.from(module));
  }, 60_000);
});
