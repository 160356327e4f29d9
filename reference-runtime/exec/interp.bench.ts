// Speed of the reference interpreter against V8 (Node's own WebAssembly) on
// compute kernels, and the time of a whole 2.0 spec suite run.
// Run: npx tsx reference-runtime/exec/interp.bench.ts   (or, faster, after
// `npm run build`: node dist/reference-runtime/exec/interp.bench.js)
import { performance } from 'node:perf_hooks';
import { encodeModule } from '../binary/encode.js';
import { instantiate, invoke, parseWat, type Value } from '../api.js';
import { suiteFiles } from '../../harness/testsuite.js';
import { runWastFile } from '../script/run-script.js';

interface Kernel {
  name: string;
  wat: string;
  fn: string;
  args: Value[];
  v8args: (number | bigint)[];
}

const kernels: Kernel[] = [
  {
    name: 'fib(25) recursive',
    fn: 'fib',
    args: [{ type: 'i32', value: 25 }],
    v8args: [25],
    wat: `(module (func $fib (export "fib") (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
        (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                       (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`,
  },
  {
    name: 'nested loops over memory',
    fn: 'run',
    args: [{ type: 'i32', value: 300 }],
    v8args: [300],
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
    name: 'mandelbrot f64 (64x64, 200 iterations)',
    fn: 'mandel',
    args: [{ type: 'i32', value: 64 }],
    v8args: [64],
    wat: `(module
      (func (export "mandel") (param $size i32) (result i32)
        (local $x i32) (local $y i32) (local $k i32) (local $count i32)
        (local $cr f64) (local $ci f64) (local $zr f64) (local $zi f64) (local $t f64)
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
        (local.get $count)))`,
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(run: () => unknown, reps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

async function main(): Promise<void> {
  const reps = Number(process.env.BENCH_REPS ?? 5);
  for (const k of kernels) {
    const module = parseWat(k.wat);
    const inst = instantiate(module);
    const ours = invoke(inst, k.fn, k.args).values[0];
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;
    const { instance } = await wasm.instantiate(encodeModule(module));
    const v8fn = instance.exports[k.fn] as (...a: (number | bigint)[]) => number;
    const theirs = v8fn(...k.v8args);
    if (ours?.type !== 'i32' || ours.value !== theirs) throw new Error(`${k.name}: interpreter gave ${JSON.stringify(ours)}, V8 ${theirs}`);
    time(() => invoke(inst, k.fn, k.args), 2); // warm up
    time(() => v8fn(...k.v8args), 20);
    const tOurs = time(() => invoke(inst, k.fn, k.args), reps);
    const tV8 = time(() => v8fn(...k.v8args), reps * 4);
    console.log(`${k.name.padEnd(40)} interpreter ${tOurs.toFixed(2)} ms  V8 ${tV8.toFixed(3)} ms  slowdown ${(tOurs / tV8).toFixed(1)}x`);
  }
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
