// The throughput ceiling of differential fuzzing on this machine: the same
// generated cases (for the target profiles of the runtimes named) put
// through each stage of a fuzz case alone, one at a time, in milliseconds
// per case: generating, building the plan (digest and encoding), the
// oracle's observed run and its plain run (in this thread, warm: each
// measured on a second pass), and each runtime's own run (wall time of its
// adapter, one case after another). The best rate any scheduling could reach
// is the machine's cores over the sum, since every stage must run for every
// case: comparison, triage and the hand-offs between threads are left out, so
// it is an upper bound.
//   npx tsx harness/fuzz/ceiling.bench.ts [--cases N] [--runtimes reference,v8|all|ids]
import { availableParallelism } from 'node:os';
import { runReferencePlan } from '../../adapters/reference/reference-run.js';
import { casePlan, type CasePlan } from './differential.js';
import { fuzzCase } from './loop.js';
import { planProfiles } from './profiles.js';
import { pickFuzzRuntimes } from './runtimes.js';
import { caseChunk, type SourcedCase } from './source.js';
import type { FeatureSet } from '../../adapters/adapter.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const count = Number(option('--cases', '200'));
const CHUNK = 20;
const picked = await pickFuzzRuntimes(option('--runtimes', 'reference,v8'));
const runtimes = picked.adapters;
const features = new Map<string, FeatureSet>();
for (const r of runtimes) if (r.id !== 'reference') features.set(r.id, await r.features());
const profiles = planProfiles(features);

// each stage's milliseconds per case, and whether every case of the run pays it (the plain oracle run only when `reference` is compared)
const stages: { ms: number; counted: boolean }[] = [];
const perCase = (label: string, ms: number, counted = true) => {
  stages.push({ ms: ms / count, counted });
  console.log(`${label.padEnd(28)} ${(ms / count).toFixed(2).padStart(8)} ms/case`);
};
const time = async (work: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

let cases: SourcedCase[] = [];
perCase('generate', await time(() => {
  for (let j = 0; cases.length < count; j++) cases.push(...caseChunk(2024, j, CHUNK, { profiles }));
  cases = cases.slice(0, count);
}));
let plans: CasePlan[] = [];
perCase('plan (digest, encode)', await time(() => (plans = cases.map(({ case: c, origin }) => casePlan(fuzzCase(c, origin))))));
Error.stackTraceLimit = 0; // as in the oracle's worker
for (const observe of [true, false]) {
  const pass = () => plans.forEach((cp) => runReferencePlan(cp.plan, () => undefined, { observe }));
  pass(); // warm-up: the interpreter's own code, and the oracle's recent-module cache emptied by the next pass
  perCase(observe ? 'oracle, observed' : 'oracle, plain (reference)', await time(pass), observe || runtimes.some((r) => r.id === 'reference'));
}
for (const r of runtimes) {
  if (r.id === 'reference') continue;
  const ms = await time(async () => {
    if (r.runMany) {
      for (let i = 0; i < plans.length; i += CHUNK) await r.runMany(plans.slice(i, i + CHUNK).map((cp) => cp.plan), { timeoutMs: 5000 });
    } else {
      for (const cp of plans) await r.run(cp.plan, { timeoutMs: 5000 });
    }
  });
  perCase(`${r.id}${r.runMany ? ' (batched)' : ''}`, ms);
  await r.close?.();
}
const counted = stages.filter((s) => s.counted);
const sum = counted.reduce((total, s) => total + s.ms, 0);
const cores = availableParallelism();
console.log(`sum ${sum.toFixed(2)} ms/case over ${counted.length} stages; ceiling on ${cores} cores: ${((cores * 1000) / sum).toFixed(1)} cases/s (comparison, triage and hand-offs not counted)`);
if (picked.skipped.length > 0) console.log(`not measured: ${picked.skipped.join('; ')}`);
