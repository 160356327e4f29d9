// "Fixed" means the check now passes (issue 15, defect 5): a re-run that
// crashes, hangs or diverges another way does not fix a finding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedRuntime, wasm } from '../compare/scripted-runtime.js';
import { storeInvocations } from '../conformance/repro.js';
import { openStore } from '../store/store.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { recheckFindings } from './recheck.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-recheck-'));
const oracle = new ReferenceAdapter();
afterAll(async () => {
  await oracle.close();
  rmSync(dir, { recursive: true, force: true });
});

const MODULE = wasm(`(module (func (export "seven") (result i32) (i32.const 7)))`);
const invocations = [{ export: 'seven', args: [] }];

function storeWithFinding(name: string) {
  const store = openStore(join(dir, `${name}.db`));
  const run = store.beginRun('fuzz', {});
  const { id } = store.recordFinding(
    {
      signature: 'x-wrong-seven',
      kind: 'wrong-result',
      summary: 'x: wrong-result',
      runtimes: ['x'],
      moduleBytes: MODULE,
      details: { source: 'fuzz', invocations: storeInvocations(invocations), classes: { expected: 'values(i32)', actual: 'values(i32)' }, versions: { x: '1' }, digest: false },
      repro: {},
      versions: { x: '1' },
    },
    run,
  );
  return { store, id, run: store.beginRun('fuzz', {}) };
}

describe('recheckFindings', () => {
  it('leaves a finding open when the new version crashes on it instead', async () => {
    const { store, id, run } = storeWithFinding('crash');
    const crashing = scriptedRuntime('x', () => ({ kind: 'crash', message: 'killed by SIGSEGV' }), { version: '2' });
    const r = await recheckFindings(store, run, oracle, new Map([['x', crashing]]), { x: '2' }, { timeoutMs: 10_000, digest: false });
    expect(r).toEqual({ checked: 1, fixed: [] });
    expect(store.getFinding(id)!.status).toBe('open');
    store.close();
  });

  it('marks it fixed when the new version passes', async () => {
    const { store, id, run } = storeWithFinding('pass');
    const passing = scriptedRuntime('x', (_k, o) => o, { version: '2' });
    const r = await recheckFindings(store, run, oracle, new Map([['x', passing]]), { x: '2' }, { timeoutMs: 10_000, digest: false });
    expect(r.fixed).toEqual([{ id, fixedIn: { x: '2' } }]);
    expect(store.getFinding(id)!.status).toBe('fixed');
    store.close();
  });
});
