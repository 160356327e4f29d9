// Scaling out: two shards of a nightly into two databases, merged with
// mergeStores, hold the same findings as one unsharded nightly on the same
// spec files and fuzz seed (the fuzz budget given as a case count, so the
// cases are the same ones, not whatever time allowed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyAdapter } from '../../adapters/faulty.js';
import { createAdapter } from '../../adapters/registry.js';
import type { Adapter } from '../../adapters/adapter.js';
import { mergeStores } from '../store/merge.js';
import { openStore } from '../store/store.js';
import { loadReportData } from '../report/load-data.js';
import { runNightly } from './run-nightly.js';
import { SUITE, shortNightly, specFile } from './test-helpers.js';

const runtimes = (): Adapter[] => [createAdapter('reference')!, new FaultyAdapter('rem-sign'), new FaultyAdapter('f32-min-zero')];

function findingsOf(db: string): { signature: string; kind: string; runtimes: string[]; status: string }[] {
  const store = openStore(db, { create: false });
  try {
    return store
      .listFindings()
      .map((f) => ({ signature: f.signature, kind: f.kind, runtimes: f.runtimes, status: f.status }))
      .sort((a, b) => a.signature.localeCompare(b.signature));
  } finally {
    store.close();
  }
}

/** Fuzz cases run, summed over the fuzz runs in `db` (their stored summaries). */
function fuzzCases(db: string): number {
  const store = openStore(db, { create: false });
  try {
    return store.runs().filter((r) => r.command === 'fuzz').reduce((n, r) => n + ((r.summary as { cases?: number } | null)?.cases ?? 0), 0);
  } finally {
    store.close();
  }
}

/** Opcode -> times executed, summed over the fuzz runs in `db`. */
function fuzzCoverage(db: string): Map<string, number> {
  const store = openStore(db, { create: false });
  try {
    const sum = new Map<string, number>();
    for (const run of store.runs().filter((r) => r.command === 'fuzz'))
      for (const [op, n] of store.coverage(run.id)) sum.set(op, (sum.get(op) ?? 0) + n);
    return new Map([...sum].sort(([a], [b]) => a.localeCompare(b)));
  } finally {
    store.close();
  }
}

describe.skipIf(!SUITE)(SUITE ? 'nightly shards' : 'nightly shards (skipped: the spec testsuite is absent; set WASMDIFF_TESTSUITE)', () => {
  it('two shards merged find exactly what one unsharded run finds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-shards-'));
    const common = { spec: { files: ['i32.wast', 'f32.wast', 'br.wast'].map(specFile), explicit: true }, fuzz: { seed: 11, cases: 40 } };
    const whole = await runNightly(shortNightly({ ...common, out: join(dir, 'whole'), runtimes: runtimes() }));
    const one = await runNightly(shortNightly({ ...common, out: join(dir, 's1'), runtimes: runtimes(), shard: { index: 0, count: 2 }, session: 'ci-1' }));
    const two = await runNightly(shortNightly({ ...common, out: join(dir, 's2'), runtimes: runtimes(), shard: { index: 1, count: 2 }, session: 'ci-1' }));
    const merged = join(dir, 'all.db');
    mergeStores([one.db, two.db], merged);

    const expected = findingsOf(whole.db);
    expect(expected.length).toBeGreaterThan(1);
    expect(findingsOf(merged)).toEqual(expected);
    // each shard did part of the work: the fuzz cases split between them (the faults are found in few cases, so either may find both)
    expect(fuzzCases(one.db) + fuzzCases(two.db)).toBe(fuzzCases(whole.db));
    expect(fuzzCases(one.db)).toBeGreaterThan(0);
    expect(fuzzCases(two.db)).toBeGreaterThan(0);
    // the shards fuzzed exactly the unsharded run's cases: the opcodes executed add up to the same
    expect(fuzzCoverage(merged)).toEqual(fuzzCoverage(whole.db));
    expect(fuzzCoverage(merged).size).toBeGreaterThan(10);
    // the merged session's findings are all new in it, and its matrix has every file
    const store = openStore(merged, { create: false });
    try {
      const data = loadReportData(store);
      expect(data.findings.every((f) => f.isNew)).toBe(true);
      expect(data.matrix?.rows.map((r) => r.file.replace(/.*\//, ''))).toEqual(['br.wast', 'f32.wast', 'i32.wast']);
    } finally {
      store.close();
    }
  }, 400_000);
});
