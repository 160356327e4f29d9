// Issue 18's acceptance for finding power: the fuzz loop finds every injected
// fault of adapters/faulty.ts on its own. Each run is the default mix, with
// no focus and nothing telling the generator which fault is on, stopped at
// its first finding or after BUDGET cases; every fault must be found by at
// least 2 of the 3 seeds, as a finding of a kind its bug can cause. The
// cases to detection per fault and seed are printed (the figures over more
// seeds, before and after a generator change: harness/fuzz/faults.bench.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS, FaultyAdapter, type Fault } from '../../adapters/faulty.js';
import { huntFault, type HuntResult } from './faults-hunt.js';

/** Cases per run at most (the ceiling: 3,000). */
const BUDGET = 3000;
const SEEDS = [1, 2, 3];

/**
 * What a fault's bug can show as. The rewrite is exact on every other
 * operand (adapters/fault-rewrites.test.ts), so any difference in behaviour
 * is the fault's: a wrong value or final state, or a trap missing, moved or
 * added (a missing trap lets the code run on to another one, a wrong value
 * can become an address). Not a crash, a timeout or a verdict: those would be
 * the harness's. The validator fault shows as an invalid module accepted.
 */
const BEHAVIOUR = ['wrong-result', 'wrong-state', 'missing-trap', 'wrong-trap', 'unexpected-trap'];
const kindsOf = (fault: Fault): readonly string[] => (fault === 'accept-type-mismatch' ? ['accepts-invalid'] : BEHAVIOUR);

/** Each fault's instruction family. */
const FAMILY: Record<Fault, string> = {
  'rem-sign': 'integer division',
  'f32-min-zero': 'float min/max',
  'f64-min-nan': 'float min/max',
  'fill-no-trap': 'bulk memory',
  'copy-forward': 'bulk memory',
  'rotl-unmasked': 'shifts and rotates',
  'shr-s-mask31': 'shifts and rotates',
  'trunc-edge': 'float-to-integer conversion',
  'nearest-ties-away': 'float rounding',
  'copysign-sign-test': 'float sign',
  'load-straddle': 'memory bounds',
  'load8s-zext': 'sign extension',
  'extend16-zext': 'sign extension',
  'table-get-past': 'table bounds',
  'select-signed': 'parametric',
  'br-table-last': 'control',
  'accept-type-mismatch': 'validation',
};

const lines: string[] = [];
afterAll(() => {
  if (lines.length > 0) console.log(`injected faults without focus (default mix, budget ${BUDGET} cases per run, stopped at the first finding):\n${lines.join('\n')}`);
});

/** The three seeds at once, each against its own adapter (its own reference worker): the runs share nothing. */
async function huntSeeds(fault: Fault): Promise<HuntResult[]> {
  return Promise.all(
    SEEDS.map(async (seed) => {
      const adapter = new FaultyAdapter(fault);
      try {
        return await huntFault(adapter, seed, BUDGET);
      } finally {
        await adapter.close();
      }
    }),
  );
}

// Tens of minutes on this machine: `npm test` shows it skipped, `npm run test:faults` runs it.
const acceptance = process.env.WASMDIFF_ACCEPTANCE === '1';

describe.skipIf(!acceptance)(`the fuzzer finds each injected fault without focus (default mix, at most ${BUDGET} cases per run, seeds ${SEEDS.join(', ')}; skipped unless WASMDIFF_ACCEPTANCE=1, as in npm run test:faults: it takes tens of minutes)`, () => {
  it('covers at least 12 faults across at least 8 instruction families', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(FAMILY).sort()).toEqual([...FAULTS].sort());
    expect(new Set(Object.values(FAMILY)).size).toBeGreaterThanOrEqual(8);
  });

  it.each([...FAULTS])('%s: found by at least 2 of 3 seeds', async (fault) => {
    const results = await huntSeeds(fault);
    const found = results.filter((r) => r.casesToFind !== undefined);
    const shown = results.map((r) => (r.casesToFind === undefined ? `seed ${r.seed}: not found in ${r.cases}` : `seed ${r.seed}: ${r.casesToFind} (${r.kind})`));
    lines.push(`${fault.padEnd(22)} ${found.length}/${SEEDS.length}   ${shown.join('   ')}`);
    console.log(lines.at(-1));
    for (const r of found) expect(kindsOf(fault), `${fault}, seed ${r.seed}: ${r.summary}`).toContain(r.kind);
    expect(found.length, shown.join('; ')).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
