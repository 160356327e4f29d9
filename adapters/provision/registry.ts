// The runtimes wasmdiff knows, and for each: where a user's own copy may be
// found and how `wasmdiff runtimes install` obtains one when there is none.
// Facts behind each entry: /work/shared/RUNTIMES.md (network here reaches only
// the npm registry and Debian's archive). Each runtime's entries live in its
// folder (<runtime>/provision.ts); RUNTIMES joins them in the order listed.
import { V8_RUNTIMES } from '../v8/provision.js';
import { WAMR_RUNTIMES } from '../wamr/provision.js';
import { WASM3_RUNTIMES } from '../wasm3/provision.js';
import { WASMEDGE_RUNTIMES } from '../wasmedge/provision.js';
import { WASMTIME_RUNTIMES } from '../wasmtime/provision.js';

export type RuntimeName = 'v8-node22' | 'v8-node24' | 'wasmtime' | 'wamr-fast' | 'wamr-classic' | 'wasmedge' | 'wasm3';

/** The engine family decides how the version is asked for. */
export type EngineFamily = 'v8' | 'wasmtime' | 'wamr' | 'wasmedge' | 'wasm3';

export type Acquisition =
  | { method: 'npm-package'; spec: string; binary: string }
  | { method: 'wamr-build'; pkg: string; fastInterp: boolean }
  | { method: 'debian-extract'; pkg: string; suite: string; binary: string; server?: DebianServer };

/**
 * A request server built at install time against the unpacked library (the
 * WasmEdge C-API host, adapters/wasmedge/serve.c): its -dev package comes from the
 * same archive; without it (or without gcc) the runtime installs serverless.
 */
export interface DebianServer {
  devPackage: string;
}

export interface RuntimeSpec {
  name: RuntimeName;
  family: EngineFamily;
  /** Executables on PATH that count as this runtime. */
  pathCommands: readonly string[];
  /** For a copy found on PATH, the node major version it must have (V8 entries). */
  nodeMajor?: number;
  /** How `install` obtains it; absent when it cannot be obtained here. */
  acquisition?: Acquisition;
  /** What a user does to get it, shown when it is missing. */
  howToInstall: string;
}

export const RUNTIMES: readonly RuntimeSpec[] = [...V8_RUNTIMES, ...WASMTIME_RUNTIMES, ...WAMR_RUNTIMES, ...WASMEDGE_RUNTIMES, ...WASM3_RUNTIMES];

export function runtimeSpec(name: string): RuntimeSpec | undefined {
  return RUNTIMES.find((r) => r.name === name);
}

/** `wamr-fast` -> `WASMDIFF_WAMR_FAST`: the variable naming a user's own binary. */
export function envVarName(name: RuntimeName): string {
  return `WASMDIFF_${name.toUpperCase().replace(/-/g, '_')}`;
}
