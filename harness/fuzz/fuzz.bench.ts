// Differential throughput of the fuzz loop: cases per second with the oracle
// plus V8 (in-process worker), and with every installed runtime, on the same
// seed. With `--coverage N` it instead runs N cases on the oracle alone and
// prints the opcode coverage they reach (what `wasmdiff fuzz --cases N`
// would report). Findings go to a temporary store; minimisation counts in the
// time, as in a real run.
//   npx tsx harness/fuzz/fuzz.bench.ts [--cases N] [--coverage N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../../adapters/adapter.js';
import { openStore } from '../store/store.js';
import { coverageSummary, showCoverage } from './coverage.js';
import { fuzz } from './loop.js';
import { pickFuzzRuntimes } from './runtimes.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-fuzz-bench-'));

async function measure(label: string, runtimes: Adapter[], cases: number): Promise<void> {
  const store = openStore(join(dir, `${label}.db`));
  try {
    const s = await fuzz({ seed: 2024, cases, runtimes, store, minimize: { maxTests: 100, timeBudgetMs: 10_000 } });
    console.log(`${label.padEnd(24)} ${s.cases} cases in ${s.seconds.toFixed(1)} s: ${s.casesPerSecond.toFixed(1)} differential cases/s (${runtimes.length} runtimes; ${s.findings} sightings, ${s.newFindings} distinct findings, triage included)`);
  } finally {
    store.close();
  }
}

try {
  const coverageCases = flag('--coverage', 0);
  if (coverageCases > 0) {
    const store = openStore(join(dir, 'coverage.db'));
    const s = await fuzz({ seed: 2024, cases: coverageCases, runtimes: [], store });
    store.close();
    console.log(`${s.cases} cases on the oracle alone in ${s.seconds.toFixed(1)} s (${s.casesPerSecond.toFixed(1)} cases/s)`);
    console.log(showCoverage(coverageSummary(s.coverage)));
  } else {
    const cases = flag('--cases', 100);
    const v8 = await pickFuzzRuntimes('v8');
    await measure('reference + v8', v8.adapters, cases);
    await Promise.all(v8.adapters.map((a) => a.close?.()));
    const all = await pickFuzzRuntimes('all');
    await measure(`reference + all (${all.adapters.length})`, all.adapters, cases);
    await Promise.all(all.adapters.map((a) => a.close?.()));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
