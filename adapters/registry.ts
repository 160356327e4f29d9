// Every adapter wasmdiff knows, by id: each runtime's folder names its own
// (<runtime>/<runtime>.ts), joined here.
import type { Adapter } from './adapter.js';
import { REFERENCE_ADAPTERS } from './reference/reference.js';
import { V8_ADAPTERS } from './v8/v8.js';
import { WAMR_ADAPTERS } from './wamr/wamr.js';
import { WASM3_ADAPTERS } from './wasm3/wasm3.js';
import { WASMEDGE_ADAPTERS } from './wasmedge/wasmedge.js';
import { WASMTIME_ADAPTERS } from './wasmtime/wasmtime.js';

// in the order `wasmdiff runtimes` lists them
const factories = { ...REFERENCE_ADAPTERS, ...V8_ADAPTERS, ...WASMTIME_ADAPTERS, ...WAMR_ADAPTERS, ...WASMEDGE_ADAPTERS, ...WASM3_ADAPTERS };

export type AdapterId = keyof typeof factories;
export const ADAPTER_IDS = Object.keys(factories) as readonly AdapterId[];

/** A new adapter instance (adapters hold workers: close() them when done). */
export function createAdapter(id: string): Adapter | undefined {
  return (factories as Record<string, () => Adapter>)[id]?.();
}

export function allAdapters(): Adapter[] {
  return ADAPTER_IDS.map((id) => factories[id]());
}
