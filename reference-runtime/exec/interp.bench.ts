// Speed of the reference interpreter against V8 (Node's own WebAssembly) on
// compute kernels, and the time of a whole 2.0 spec suite run.
// Run: npx tsx reference-runtime/exec/interp.bench.ts   (or, faster, after
// `npm run build`: node dist/reference-runtime/exec/interp.bench.js)
// BENCH_REPS (default 7) timed runs per side; BENCH_SUITE=0 skips the suite.
// BENCH_BASELINE=DIR (another checkout of this project, e.g. a git worktree
// of an older commit) also runs that checkout's interpreter on the same
// kernels, interleaved with this one in the same process, and prints this
// one's time per unit over the baseline's: a before/after ratio from one run.
//
// Each kernel takes a number of work units (its first argument) and does
// exactly that many times the same work, returning a checksum of all of it so
// that nothing can be optimised away. Each side runs a unit count calibrated
// so that one run lasts long enough to time reliably (V8 >= 20 ms, which also
// gets it past its baseline tier; the interpreter >= 150 ms), and the ratio
// compares times per unit. Both sides are checked to agree at the same count.
import { performance } from 'node:perf_hooks';
import { encodeModule } from '../binary/encode.js';
import { instantiate, invoke, parseWat, type Value } from '../api.js';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suiteFiles } from '../../harness/testsuite.js';
import { runWastFile } from '../script/run-script.js';

interface Kernel {
  name: string;
  /** what one unit of work is */
  unit: string;
  wat: string;
}

const kernels: Kernel[] = [
  {
    name: 'fib recursive',
    unit: 'fib(25)',
    wat: `(module
      (func $fib (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
          (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "run") (param $units i32) (result i32) (local $sum i32)
        (loop $again
          (local.set $sum (i32.add (local.get $sum) (call $fib (i32.const 25))))
          (br_if $again (local.tee $units (i32.sub (local.get $units) (i32.const 1)))))
        (local.get $sum)))`,
  },
  {
    name: 'nested loops over memory',
    unit: '1000 load/add/store',
    wat: `(module (memory 1)
      (func (export "run") (param $n i32) (result i32)
        (local $i i32) (local $j i32) (local $sum i32)
        (loop $outer
          (local.set $j (i32.const 0))
          (loop $inner
            (i32.store (i32.shl (local.get $j) (i32.const 2))
              (i32.add (i32.load (i32.shl (local.get $j) (i32.const 2))) (i32.mul (local.get $i) (local.get $j))))
            (local.set $sum (i32.add (local.get $sum) (i32.load (i32.shl (local.get $j) (i32.const 2)))))
            (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 1000))))
          (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (local.get $sum)))`,
  },
  {
    name: 'mandelbrot f64',
    unit: '64x64 frame, 200 iterations',
    wat: `(module
      (func (export "run") (param $units i32) (result i32)
        (local $size i32) (local $x i32) (local $y i32) (local $k i32) (local $count i32)
        (local $cr f64) (local $ci f64) (local $zr f64) (local $zi f64) (local $t f64)
        (local.set $size (i32.const 64))
        (loop $frames
          (local.set $y (i32.const 0))
          (loop $rows
            (local.set $x (i32.const 0))
            (loop $cols
              (local.set $cr (f64.sub (f64.div (f64.mul (f64.convert_i32_s (local.get $x)) (f64.const 3)) (f64.convert_i32_s (local.get $size))) (f64.const 2)))
              (local.set $ci (f64.sub (f64.div (f64.mul (f64.convert_i32_s (local.get $y)) (f64.const 2)) (f64.convert_i32_s (local.get $size))) (f64.const 1)))
              (local.set $zr (f64.const 0)) (local.set $zi (f64.const 0)) (local.set $k (i32.const 0))
              (block $escape
                (loop $iter
                  (br_if $escape (f64.gt (f64.add (f64.mul (local.get $zr) (local.get $zr)) (f64.mul (local.get $zi) (local.get $zi))) (f64.const 4)))
                  (local.set $t (f64.add (f64.sub (f64.mul (local.get $zr) (local.get $zr)) (f64.mul (local.get $zi) (local.get $zi))) (local.get $cr)))
                  (local.set $zi (f64.add (f64.mul (f64.mul (f64.const 2) (local.get $zr)) (local.get $zi)) (local.get $ci)))
                  (local.set $zr (local.get $t))
                  (br_if $iter (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 200)))))
              (local.set $count (i32.add (local.get $count) (local.get $k)))
              (br_if $cols (i32.lt_u (local.tee $x (i32.add (local.get $x) (i32.const 1))) (local.get $size))))
            (br_if $rows (i32.lt_u (local.tee $y (i32.add (local.get $y) (i32.const 1))) (local.get $size))))
          (br_if $frames (local.tee $units (i32.sub (local.get $units) (i32.const 1)))))
        (local.get $count)))`,
  },
];

type Run = (units: number) => number;

/** Every result goes in here and is printed, so no run is dead code to V8. */
let checksum = 0;

function timed(run: Run, units: number): number {
  const t0 = performance.now();
  checksum = (checksum + run(units)) | 0;
  return performance.now() - t0;
}

/**
 * Doubles the unit count until a run takes at least `minMs` (these runs are
 * also the warm-up); the faster of two runs decides, so one pause (GC, a tier
 * switch) does not stop the doubling early.
 */
function calibrate(run: Run, minMs: number): number {
  let units = 1;
  while (Math.min(timed(run, units), timed(run, units)) < minMs) units *= 2;
  return units;
}

/**
 * Per-unit times of `reps` runs of each side, interleaved (ours, V8, ours, ...)
 * so that a burst of load from other processes hits both sides alike, and the
 * ratio of each pair.
 */
function samplePairs(ours: Run, uOurs: number, theirs: Run, uV8: number, reps: number): { ours: number[]; v8: number[]; ratios: number[] } {
  const r = { ours: [] as number[], v8: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < reps; i++) {
    const a = timed(ours, uOurs) / uOurs;
    const b = timed(theirs, uV8) / uV8;
    r.ours.push(a);
    r.v8.push(b);
    r.ratios.push(a / b);
  }
  return r;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const time = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} us` : `${ms.toFixed(2)} ms`);

/** The interpreter of another checkout (BENCH_BASELINE), with its own module graph and state. */
async function baselineApi(): Promise<typeof import('../api.js') | undefined> {
  const dir = process.env.BENCH_BASELINE;
  if (dir === undefined || dir === '') return undefined;
  return (await import(pathToFileURL(join(resolve(dir), 'reference-runtime', 'api.ts')).href)) as typeof import('../api.js');
}

async function main(): Promise<void> {
  const base = await baselineApi();
  const reps = Math.max(5, Number(process.env.BENCH_REPS ?? 7));
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;
  console.log(`medians of ${reps} interleaved runs per side, times per unit of work; slowdown [min-max] over the run pairs`);
  for (const k of kernels) {
    const module = parseWat(k.wat);
    const inst = instantiate(module);
    const ours: Run = (units) => {
      const r = invoke(inst, 'run', [{ type: 'i32', value: units }]).values[0];
      if (r?.type !== 'i32') throw new Error(`${k.name}: interpreter gave ${JSON.stringify(r)}`);
      return r.value;
    };
    const { instance } = await wasm.instantiate(encodeModule(module));
    const theirs = instance.exports.run as Run;
    for (const units of [1, 3]) {
      const a = ours(units);
      const b = theirs(units);
      if (a !== b) throw new Error(`${k.name} x${units}: interpreter gave ${a}, V8 ${b}`);
    }
    const uV8 = calibrate(theirs, 20);
    for (let i = 0; i < 10; i++) timed(theirs, uV8); // past V8's tier-up for good
    const uOurs = calibrate(ours, 150);
    const t = samplePairs(ours, uOurs, theirs, uV8, reps);
    console.log(
      `${k.name.padEnd(26)} unit = ${k.unit.padEnd(28)} interpreter ${time(median(t.ours))}/unit (x${uOurs})` +
        `  V8 ${time(median(t.v8))}/unit (x${uV8})  slowdown ${median(t.ratios).toFixed(1)}x` +
        ` [${Math.min(...t.ratios).toFixed(1)}-${Math.max(...t.ratios).toFixed(1)}]`,
    );
    if (base !== undefined) {
      const bInst = base.instantiate(base.parseWat(k.wat));
      const before: Run = (units) => {
        const r = base.invoke(bInst, 'run', [{ type: 'i32', value: units }]).values[0];
        if (r?.type !== 'i32') throw new Error(`${k.name}: baseline gave ${JSON.stringify(r)}`);
        return r.value;
      };
      const fresh = invoke(instantiate(module), 'run', [{ type: 'i32', value: 3 }]).values[0];
      if (JSON.stringify(before(3)) !== JSON.stringify(fresh?.type === 'i32' ? fresh.value : fresh)) throw new Error(`${k.name}: baseline and this interpreter disagree`);
      calibrate(before, 150);
      const b = samplePairs(ours, uOurs, before, uOurs, reps);
      console.log(
        `${''.padEnd(26)} this / baseline: ${median(b.ratios).toFixed(3)} [${Math.min(...b.ratios).toFixed(3)}-${Math.max(...b.ratios).toFixed(3)}]` +
          `  (baseline ${time(median(b.v8))}/unit)`,
      );
    }
  }
  console.log(`checksum of all results: ${checksum}`);
  if (process.env.BENCH_SUITE === '0') return;
  const files = suiteFiles('wasm-2.0');
  if (files.length === 0) {
    console.log('spec suite: not found (set WASMDIFF_TESTSUITE), skipped');
    return;
  }
  const t0 = performance.now();
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const r = runWastFile(f);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`spec suite wasm-2.0: ${files.length} files, ${passed} passed, ${failed} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
