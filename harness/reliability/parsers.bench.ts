// `npx tsx harness/reliability/parsers.bench.ts [CASES] [SEED]`: the front
// end robustness properties at scale (default 100,000 cases each), with
// cases per second. Exits 1 with fast-check's counterexample on a failure.
import { PROPERTIES } from './parsers-property.js';

const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 0x7fffffff);
console.log(`seed ${seed}, ${cases} cases per property`);
let failed = false;
for (const [name, run] of Object.entries(PROPERTIES)) {
  const started = performance.now();
  try {
    run(cases, seed);
    const s = (performance.now() - started) / 1000;
    console.log(`${name}: ${cases} cases, only typed errors, ${s.toFixed(1)} s (${Math.round(cases / s)} cases/s)`);
  } catch (e) {
    failed = true;
    console.log(`${name}: FAILED\n${(e as Error).message}`);
  }
}
process.exitCode = failed ? 1 : 0;
