// How soon the fuzzer finds each injected fault without being told where to
// look (issue 18): for each fault of adapters/faulty.ts and each seed, the
// cases of the default mix, without focus, up to the first finding (or "-"
// when the budget ran out), and the median over seeds and over faults. Run it
// before and after a generator change to compare.
//   npx tsx harness/fuzz/faults.bench.ts [--budget N] [--seeds 1,2,3] [--faults a,b]
import { FAULTS, FaultyAdapter, isFault } from '../../adapters/faulty.js';
import { huntFault } from './faults-hunt.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const budget = Number(opt('--budget') ?? 3000);
const seeds = (opt('--seeds') ?? '1,2,3').split(',').map(Number);
const faults = (opt('--faults')?.split(',') ?? [...FAULTS]).filter(isFault);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Cases to detection, a miss counted as the budget (so that a median stays an upper bound). */
const medians: number[] = [];
let found = 0;
console.log(`budget ${budget} cases per run, seeds ${seeds.join(', ')}, default mix, no focus`);
for (const fault of faults) {
  const adapter = new FaultyAdapter(fault);
  const row: string[] = [];
  const counts: number[] = [];
  for (const seed of seeds) {
    const r = await huntFault(adapter, seed, budget);
    row.push(r.casesToFind === undefined ? '-' : `${r.casesToFind} (${r.kind}, ${r.seconds.toFixed(1)} s)`);
    counts.push(r.casesToFind ?? budget);
    if (r.casesToFind !== undefined) found++;
  }
  await adapter.close();
  medians.push(median(counts));
  console.log(`${fault.padEnd(22)} median ${String(median(counts)).padStart(5)}   ${row.join('   ')}`);
}
console.log(`found in ${found} of ${faults.length * seeds.length} runs; median over faults of the per-fault medians: ${median(medians)} cases`);
