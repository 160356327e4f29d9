// Every engine `wasmdiff bench` can time, by id (the adapter ids, plus
// wasmedge-aot and the native baseline): each runtime's folder names its own
// (<runtime>/bench-engine.ts), joined here.
import type { BenchEngine } from './bench-runner.js';
import { NATIVE_BENCH_ENGINES } from './native/bench-engine.js';
import { REFERENCE_BENCH_ENGINES } from './reference/bench-engine.js';
import { V8_BENCH_ENGINES } from './v8/bench-engine.js';
import { WAMR_BENCH_ENGINES } from './wamr/bench-engine.js';
import { WASMEDGE_BENCH_ENGINES } from './wasmedge/bench-engine.js';
import { WASMTIME_BENCH_ENGINES } from './wasmtime/bench-engine.js';

const factories: Record<string, () => BenchEngine> = {
  ...NATIVE_BENCH_ENGINES,
  ...V8_BENCH_ENGINES,
  ...WASMTIME_BENCH_ENGINES,
  ...WAMR_BENCH_ENGINES,
  ...WASMEDGE_BENCH_ENGINES,
  ...REFERENCE_BENCH_ENGINES,
};

export const BENCH_ENGINE_IDS = Object.keys(factories);

export function benchEngine(id: string): BenchEngine | undefined {
  return factories[id]?.();
}
