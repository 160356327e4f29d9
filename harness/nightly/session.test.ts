// A nightly session in the store: findings first seen in any of its runs are
// new, its spec runs make one matrix, and the trends count per run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportData } from '../report/load-data.js';
import { openStore, type Store } from '../store/store.js';
import { NIGHTLY_COMMAND, sessionName } from './session.js';

const finding = (signature: string, runtime: string) => ({ signature, kind: 'wrong-result', summary: signature, runtimes: [runtime], details: {}, repro: {} });

/** A nightly of `session`: its own row, one spec run per file, a finding per entry of `found`. */
function nightly(store: Store, session: string, files: string[], found: string[]): void {
  const own = store.beginRun(NIGHTLY_COMMAND, { session });
  const rt = store.upsertRuntime({ name: 'rt', engine: 'e', version: '1' });
  const stages = files.map((file) => {
    const run = store.beginRun('nightly spec', {});
    store.putSpecResults(run, [{ runtimeId: rt, file, passed: 10, failed: 1, unsupported: 0, reasons: [] }]);
    for (const sig of found) store.recordFinding(finding(sig, 'rt'), run);
    store.finishRun(run);
    return store.getRun(run)!.uid;
  });
  store.finishRun(own, { stageRuns: stages });
}

describe('nightly sessions in the report data', () => {
  it('marks new what the latest session first saw, shows all its spec files, counts trends per run', () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'wasmdiff-session-')), 'db'));
    try {
      nightly(store, 'night-1', ['a.wast'], ['old']);
      nightly(store, 'night-2', ['a.wast', 'b.wast'], ['old', 'fresh']);
      const data = loadReportData(store);
      expect(data.findings.map((f) => [f.signature, f.isNew])).toEqual([['old', false], ['fresh', true]]);
      expect(data.matrix?.rows.map((r) => r.file)).toEqual(['a.wast', 'b.wast']);
      // runs oldest first: nightly-1, spec, nightly-2, spec, spec
      expect(data.trends?.openFindings).toEqual([0, 1, 1, 2, 2]);
      expect(data.trends?.specPassed).toEqual([{ runtime: 'rt 1', values: [null, 10, null, 10, 10] }]);
      store.markFixed(data.findings[0]!.id, { rt: '2' }, store.runs()[0]!.id);
      const after = loadReportData(store);
      expect(after.findings[0]!.fixedNow).toBe(true);
      expect(after.trends?.openFindings.at(-1)).toBe(1);
    } finally {
      store.close();
    }
  });

  it('names the session after the CI run unless given one', () => {
    expect(sessionName('mine', { GITHUB_RUN_ID: '9' }, 'x')).toBe('mine');
    expect(sessionName(undefined, { GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '2' }, 'x')).toBe('github-9-2');
    expect(sessionName(undefined, {}, 'local')).toBe('local');
  });
});
