// Merging stores from several machines into one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeStores } from './merge.js';
import { openStore, StoreError, type NewFinding, type Store } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const BIGGER = new Uint8Array([...MODULE, 0x00, 0x01, 0x00]);

function finding(signature: string, over: Partial<NewFinding> = {}): NewFinding {
  return { signature, kind: 'wrong-result', summary: signature, runtimes: ['wasmtime'], details: {}, repro: {}, ...over };
}

/** A store as one CI machine leaves it: a spec run, a fuzz run with findings, timings and coverage. */
function machine(name: string, fill: (s: Store, run: number, rt: number) => void): string {
  const path = join(dir, `${name}.db`);
  const s = openStore(path);
  const run = s.beginRun('fuzz', { machine: name });
  const rt = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25.0.1', features: { simd: true } });
  const c = s.putCase({ moduleHash: s.putModule(MODULE), invocations: [{ export: name, args: [] }], source: 'fuzz', origin: name });
  s.putOutcome({ caseId: c, runtimeId: rt, runId: run, outcome: { machine: name, bits: 1n } });
  s.putSpecResults(run, [{ runtimeId: rt, file: `${name}.wast`, passed: 1, failed: 0, unsupported: 0, reasons: [] }]);
  s.putTimings([{ runId: run, runtimeId: rt, program: name, phase: 'wall', iteration: 0, ms: 2, rssKb: 10 }]);
  s.putCoverage(run, new Map([['i32.add', 3]]));
  fill(s, run, rt);
  s.finishRun(run, { machine: name });
  s.close();
  return path;
}

describe('mergeStores', () => {
  it('copies every run with its rows and merges findings by signature', () => {
    const a = machine('a', (s, run) => {
      s.recordFinding(finding('shared', { moduleBytes: BIGGER, wat: 'bigger' }), run);
      s.recordFinding(finding('shared'), run);
      s.recordFinding(finding('only-a'), run);
    });
    const b = machine('b', (s, run) => {
      s.recordFinding(finding('shared', { moduleBytes: MODULE, wat: 'smaller' }), run);
      const { id } = s.recordFinding(finding('only-b'), run);
      s.setStatus(id, 'known');
    });
    const target = join(dir, 'merged.db');
    expect(mergeStores([a, b], target)).toEqual({ findings: 4, runs: 2 });

    const s = openStore(target);
    try {
      const runs = s.runs();
      expect(runs.map((r) => r.summary)).toEqual([{ machine: 'b' }, { machine: 'a' }]);
      expect(s.runtimes()).toHaveLength(1);
      const [runB, runA] = runs.map((r) => r.id);
      expect(s.outcomes(runA!).map((o) => o.outcome)).toEqual([{ machine: 'a', bits: 1n }]);
      expect(s.outcomes(runB!).map((o) => o.outcome)).toEqual([{ machine: 'b', bits: 1n }]);
      expect(s.specMatrix(runA!)!.rows.map((r) => r.file)).toEqual(['a.wast']);
      expect(s.timings(runB!)).toEqual([{ runId: runB, runtimeId: s.runtimes()[0]!.id, program: 'b', phase: 'wall', iteration: 0, ms: 2, rssKb: 10 }]);
      expect(s.coverage(runA!)).toEqual(new Map([['i32.add', 3]]));

      const bySig = new Map(s.listFindings().map((f) => [f.signature, f]));
      expect([...bySig.keys()].sort()).toEqual(['only-a', 'only-b', 'shared']);
      const shared = bySig.get('shared')!;
      expect([shared.count, shared.firstRunId, shared.lastRunId, shared.wat]).toEqual([3, runA, runB, 'smaller']);
      // one sighting row per (finding, run); the count counts every sighting
      expect(s.sightings(shared.id).map((x) => x.runId)).toEqual([runA, runB]);
      expect(bySig.get('only-b')!.status).toBe('known');
      expect(s.integrityCheck()).toEqual(['ok']);
    } finally {
      s.close();
    }

    // merging the same sources again changes nothing
    expect(mergeStores([a, b], target)).toEqual({ findings: 0, runs: 0 });
    const again = openStore(target);
    try {
      expect(again.runs()).toHaveLength(2);
      expect(again.listFindings().find((f) => f.signature === 'shared')!.count).toBe(3);
      expect(again.timings(again.runs()[0]!.id)).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('carries a fix a shard found without new sightings, but not one older than what the target has seen', () => {
    const night1 = machine('night1', (s, run) => void s.recordFinding(finding('bug'), run));
    const target = join(dir, 'nightly.db');
    mergeStores([night1], target);
    // the next night's shard starts from that store, re-checks the finding and finds it fixed
    const shard = join(dir, 'shard.db');
    writeFileSync(shard, readFileSync(target));
    const s = openStore(shard);
    const recheck = s.beginRun('fuzz', { machine: 'shard' });
    const id = s.listFindings()[0]!.id;
    s.markFixed(id, { wasmtime: '26.0.0' }, recheck);
    s.finishRun(recheck, {});
    s.close();
    // meanwhile the target saw it again, later: that sighting outweighs an older fix
    const stale = join(dir, 'stale.db');
    writeFileSync(stale, readFileSync(shard));
    const night2 = machine('night2', (st, run) => void st.recordFinding(finding('bug'), run));
    const seenLater = join(dir, 'seen-later.db');
    mergeStores([target, night2], seenLater);
    mergeStores([stale], seenLater);
    const later = openStore(seenLater);
    expect(later.listFindings()[0]!.status).toBe('open');
    later.close();

    expect(mergeStores([shard], target)).toEqual({ findings: 1, runs: 1 });
    const merged = openStore(target);
    try {
      const f = merged.listFindings()[0]!;
      expect(f).toMatchObject({ status: 'fixed', fixedIn: { wasmtime: '26.0.0' }, count: 1 });
      expect(merged.runs().find((r) => r.id === f.fixedRunId)?.options).toEqual({ machine: 'shard' });
    } finally {
      merged.close();
    }
  });

  it('a bad source stops the merge with a StoreError naming it, and the target keeps what it had', () => {
    const good = machine('good', (s, run) => void s.recordFinding(finding('g'), run));
    const target = join(dir, 'kept.db');
    mergeStores([good], target);
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, 'not a database');
    expect(() => mergeStores([bad], target)).toThrow(StoreError);
    expect(() => mergeStores([bad], target)).toThrow(/bad\.db is not a SQLite database/);
    expect(readFileSync(bad, 'utf8')).toBe('not a database');
    const s = openStore(target);
    try {
      expect(s.listFindings().map((f) => f.signature)).toEqual(['g']);
    } finally {
      s.close();
    }
  });

  it('refuses to merge a store into itself', () => {
    const self = machine('self', () => {});
    expect(() => mergeStores([self], self)).toThrow(/cannot merge .*self\.db into itself/);
  });
});

describe('mergeStores with a missing source', () => {
  it('names it and creates nothing', () => {
    const missing = join(dir, 'missing.db');
    const target = join(dir, 'm2.db');
    expect(() => mergeStores([missing], target)).toThrow(/no wasmdiff database at .*missing\.db/);
    expect(() => readFileSync(missing)).toThrow(/ENOENT/);
    expect(() => readFileSync(target)).toThrow(/ENOENT/);
  });
});
