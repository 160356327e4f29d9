// Micro-benchmark of the hot numeric operations: ns per call, median of 5
// timed runs, operands cycled from pre-filled arrays so nothing constant-folds.
// Run: npx tsx reference-runtime/exec/numerics/numerics.bench.ts
import * as i32 from './i32.js';
import * as i64 from './i64.js';
import * as f32 from './f32.js';
import * as f64 from './f64.js';

const N = 1 << 10;
const ITERATIONS = 2_000_000;
const RUNS = 5;

const ints = Int32Array.from({ length: N }, () => (Math.random() * 2 ** 32) | 0);
const bigs: bigint[] = Array.from({ length: N }, () => BigInt.asIntN(64, BigInt(Math.floor(Math.random() * 2 ** 53)) << 11n));
const f32Bits = new Int32Array(new Float32Array(Array.from({ length: N }, () => (Math.random() - 0.5) * 1e6)).buffer);
const doubles = Float64Array.from({ length: N }, () => (Math.random() - 0.5) * 1e6 + 1);

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
}

/** One timed run of `body` over ITERATIONS calls; `body(i)` returns something to keep the result alive. */
function time(body: (i: number) => number | bigint): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) if (body(i & (N - 1)) === 0x12345) sink++;
  const ns = ((performance.now() - start) * 1e6) / ITERATIONS;
  if (sink < 0) console.log(sink);
  return ns;
}

const cases: [string, (i: number) => number | bigint][] = [
  ['empty loop', (i) => ints[i]!],
  ['i32.add', (i) => i32.add(ints[i]!, ints[(i + 1) & (N - 1)]!)],
  ['i64.add', (i) => i64.add(bigs[i]!, bigs[(i + 1) & (N - 1)]!)],
  ['f32.add', (i) => f32.add(f32Bits[i]!, f32Bits[(i + 1) & (N - 1)]!)],
  ['f64.add', (i) => f64.add(doubles[i]!, doubles[(i + 1) & (N - 1)]!)],
  ['f64.div', (i) => f64.div(doubles[i]!, doubles[(i + 1) & (N - 1)]!)],
];

for (const [name, body] of cases) {
  time(body); // warm up: let the JIT optimise before measuring
  const runs = Array.from({ length: RUNS }, () => time(body));
  console.log(`${name.padEnd(12)} ${median(runs).toFixed(2).padStart(7)} ns/op  (runs: ${runs.map((r) => r.toFixed(2)).join(' ')})`);
}
