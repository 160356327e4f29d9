// A spec finding is fixed only when this run judged its checks and they
// PASSED (issue 15, defect 5): a check that now fails another way does not fix it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../conformance/run-suite.js';
import { openStore } from '../store/store.js';
import { recheckSpecFindings } from './spec-stage.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-spec-recheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function suite(runId: number, status: 'passed' | 'failed'): SuiteResult {
  return {
    files: [{ file: 'f.wast', runtime: 'x', passed: status === 'passed' ? 1 : 0, failed: status === 'failed' ? 1 : 0, unsupported: 0, superseded: 0, reasons: [] }],
    totals: {}, cost: {}, findings: [], oracleErrors: [], watched: new Map([['x\0f.wast:3', status]]), runId, seconds: 1,
  } as SuiteResult;
}

function storeWithFinding(name: string) {
  const store = openStore(join(dir, `${name}.db`));
  const run = store.beginRun('spec', {});
  const { id } = store.recordFinding(
    {
      signature: `spec-${name}`, kind: 'wrong-result', summary: 'x: wrong-result', runtimes: ['x'],
      details: { at: 'f.wast:3', versions: { x: '1' } }, repro: {}, versions: { x: '1' },
      sighting: { runtime: 'x', version: '1', source: 'spec', origin: 'f.wast:3' },
    },
    run,
  );
  return { store, id, run: store.beginRun('spec', {}) };
}

describe('recheckSpecFindings', () => {
  it('leaves open a finding whose check now fails another way', () => {
    const { store, id, run } = storeWithFinding('other');
    expect(recheckSpecFindings(store, [suite(run, 'failed')], { x: '2' })).toEqual([]);
    expect(store.getFinding(id)!.status).toBe('open');
    store.close();
  });

  it('marks fixed a finding whose check now passes on another version', () => {
    const { store, id, run } = storeWithFinding('passes');
    expect(recheckSpecFindings(store, [suite(run, 'passed')], { x: '2' })).toEqual([{ id, fixedIn: { x: '2' } }]);
    store.close();
  });
});
