// Asks a runtime binary for its exact version by running it (a manifest can be
// stale; the binary cannot lie about itself). How each engine family is asked
// lives in its runtime's folder (<runtime>/provision.ts).
import { probeNode } from '../v8/provision.js';
import { probeWamr } from '../wamr/provision.js';
import { probeWasm3 } from '../wasm3/provision.js';
import { probeWasmEdge } from '../wasmedge/provision.js';
import { probeWasmtime } from '../wasmtime/provision.js';
import type { CliDialect } from './manifest.js';
import type { EngineFamily } from './registry.js';

export interface Probe {
  version: string;
  /** e.g. `Node v22.23.3`, `fast interpreter`, `Wasmtime 42.0.1 inside wizer 11.0.3`. */
  detail: string;
  dialect: CliDialect;
}

export async function probeVersion(family: EngineFamily, command: readonly string[]): Promise<Probe> {
  switch (family) {
    case 'v8':
      return probeNode(command);
    case 'wasmtime':
      return probeWasmtime(command);
    case 'wamr':
      return probeWamr(command);
    case 'wasmedge':
      return probeWasmEdge(command);
    case 'wasm3':
      return probeWasm3(command);
  }
}
