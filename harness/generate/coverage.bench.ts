// Static opcode coverage and generation speed of the valid-module generator,
// every 3.0 feature on (as in an oracle-only fuzz run).
//   npx tsx harness/generate/coverage.bench.ts [N=20000] [seed=1]
// Prints cases/s, how many of the opcodes (2.0 and 3.0) the N cases contain
// at least once, the missing ones, and the rarest.
import fc from 'fast-check';
import { OPCODES } from '../../reference-runtime/syntax/opcodes.js';
import { opcodesOf } from './opcodes-of.js';
import { ALL_FEATURES } from './features.js';
import { validModuleArb } from './valid-module.js';

const n = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(n) || n <= 0 || !Number.isInteger(seed)) {
  console.error('usage: coverage.bench.ts [N (a positive integer)] [seed (an integer)]');
  process.exit(2);
}

const totals = new Map<string, number>(OPCODES.map((o) => [o.name, 0]));
const chunk = 1000;
let done = 0;
let bytes = 0;
let genMs = 0;
while (done < n) {
  const size = Math.min(chunk, n - done);
  const t = performance.now();
  // One sample per chunk, each with its own seed, so that progress can be shown.
  const cases = fc.sample(validModuleArb({ features: ALL_FEATURES }), { numRuns: size, seed: seed + done });
  genMs += performance.now() - t;
  for (const k of cases) {
    bytes += k.bytes.length;
    for (const [op, count] of opcodesOf(k.module)) totals.set(op, (totals.get(op) ?? 0) + count);
  }
  done += size;
  process.stderr.write(`\r${done}/${n} cases`);
}
process.stderr.write('\n');

const covered = OPCODES.filter((o) => totals.get(o.name)! > 0);
const missing = OPCODES.filter((o) => totals.get(o.name) === 0).map((o) => o.name);
const rarest = [...totals].filter(([, c]) => c > 0).sort((a, b) => a[1] - b[1]).slice(0, 8);
console.log(`cases: ${n} (seed ${seed}), mean module size ${(bytes / n).toFixed(0)} bytes`);
console.log(`generation: ${((n / genMs) * 1000).toFixed(1)} cases/s (module build + encode)`);
console.log(`static opcode coverage: ${covered.length}/${OPCODES.length} opcodes of Wasm 2.0 and 3.0`);
console.log(`missing: ${missing.length === 0 ? 'none' : missing.join(', ')}`);
console.log(`rarest: ${rarest.map(([op, c]) => `${op} ${c}`).join(', ')}`);
