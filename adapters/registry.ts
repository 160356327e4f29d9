// Every adapter wasmdiff knows, by id. Command-line runtime adapters register
// here as they are written.
import type { Adapter } from './adapter.js';
import { ReferenceAdapter } from './reference.js';
import { V8NodeAdapter } from './v8-node.js';
import { V8Adapter } from './v8.js';
import { WamrAdapter } from './wamr.js';
import { Wasm3Adapter } from './wasm3.js';
import { WasmEdgeAdapter } from './wasmedge.js';
import { WasmtimeAdapter } from './wasmtime.js';

export const ADAPTER_IDS = [
  'reference', 'v8', 'v8-node22', 'v8-node24',
  'wasmtime', 'wamr-fast', 'wamr-classic', 'wasmedge', 'wasmedge-jit', 'wasm3',
] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

const factories: Record<AdapterId, () => Adapter> = {
  reference: () => new ReferenceAdapter(),
  v8: () => new V8Adapter(),
  'v8-node22': () => new V8NodeAdapter('v8-node22', 'v8-node22'),
  'v8-node24': () => new V8NodeAdapter('v8-node24', 'v8-node24'),
  wasmtime: () => new WasmtimeAdapter(),
  'wamr-fast': () => new WamrAdapter('wamr-fast'),
  'wamr-classic': () => new WamrAdapter('wamr-classic'),
  wasmedge: () => new WasmEdgeAdapter('wasmedge'),
  'wasmedge-jit': () => new WasmEdgeAdapter('wasmedge-jit'),
  wasm3: () => new Wasm3Adapter(),
};

/** A new adapter instance (adapters hold workers: close() them when done). */
export function createAdapter(id: string): Adapter | undefined {
  return (factories as Record<string, () => Adapter>)[id]?.();
}

export function allAdapters(): Adapter[] {
  return ADAPTER_IDS.map((id) => factories[id]());
}
