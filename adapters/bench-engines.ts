// Every engine `wasmdiff bench` can time, by id (the adapter ids, plus
// wasmedge-aot and the native baseline).
import { IwasmBenchEngine, WasmEdgeAotBenchEngine, WasmEdgeBenchEngine } from './bench-cli.js';
import { NativeBenchEngine } from './bench-native.js';
import { ReferenceBenchEngine } from './bench-reference.js';
import type { BenchEngine } from './bench-runner.js';
import { V8BenchEngine } from './bench-v8.js';
import { WasmtimeBenchEngine } from './bench-wasmtime.js';

const factories: Record<string, () => BenchEngine> = {
  native: () => new NativeBenchEngine(),
  v8: () => new V8BenchEngine('v8'),
  'v8-node22': () => new V8BenchEngine('v8-node22', 'v8-node22'),
  'v8-node24': () => new V8BenchEngine('v8-node24', 'v8-node24'),
  wasmtime: () => new WasmtimeBenchEngine(),
  'wamr-fast': () => new IwasmBenchEngine('wamr-fast'),
  'wamr-classic': () => new IwasmBenchEngine('wamr-classic'),
  wasmedge: () => new WasmEdgeBenchEngine('wasmedge'),
  'wasmedge-jit': () => new WasmEdgeBenchEngine('wasmedge-jit'),
  'wasmedge-aot': () => new WasmEdgeAotBenchEngine(),
  reference: () => new ReferenceBenchEngine(),
};

export const BENCH_ENGINE_IDS = Object.keys(factories);

export function benchEngine(id: string): BenchEngine | undefined {
  return factories[id]?.();
}
