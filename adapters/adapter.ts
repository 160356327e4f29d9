// The one interface every runtime is driven through (see plan.ts for what a
// plan means and what an outcome says).
import type { Feature } from '../reference-runtime/syntax/features.js';
import type { Plan, RunOutcome } from './plan.js';

export type Availability = { ok: true; version: string } | { ok: false; reason: string; install: string };

/** Feature name -> supported, as probed (features.ts). */
export type FeatureSet = Record<FeatureName, boolean>;

export type FeatureName =
  | 'multi-value'
  | 'reference-types'
  | 'bulk-memory'
  | 'simd'
  | 'sign-extension'
  | 'saturating-conversions'
  | 'mutable-globals'
  /** the eight features 3.0 added, named as the oracle names them (reference-runtime/syntax/features.ts) */
  | Feature
  /** the pre-3.0 exception form (`try`/`catch`/`rethrow`), which some engines have instead of exnref; the oracle has no such feature */
  | 'legacy-exceptions';

/** A command that reproduces a run outside wasmdiff, run in a folder holding its files. */
export interface CommandLine {
  argv: string[];
  /** Helper files the command needs beside the module or driver (a launcher module, a runner script). */
  files: Record<string, Uint8Array | string>;
}

export interface RunOptions {
  /** Wall-clock limit per process (or per in-process run); default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface Adapter {
  /** Unique id, e.g. `reference`, `v8`, `v8-node22`, `wasmtime`. */
  readonly id: string;
  /** The engine's name, e.g. `V8`, `Wasmtime`. */
  readonly engine: string;
  available(): Promise<Availability>;
  /** Probed by running small modules (features.ts), never read from a table. */
  features(): Promise<FeatureSet>;
  run(plan: Plan, options?: RunOptions): Promise<RunOutcome>;
  /**
   * Several plans, each outcome exactly what `run` would give it, where the
   * adapter gains by taking them together (many modules in one process).
   * Absent: callers run the plans one by one.
   */
  runMany?(plans: readonly Plan[], options?: RunOptions): Promise<RunOutcome[]>;
  /**
   * Plans worth running at once (default 1): an adapter behind one server or
   * worker serves one at a time; one that starts a process per run can
   * overlap them.
   */
  concurrency?(): Promise<number>;
  /**
   * The runtime's own command for a driver file or a bare module file (named
   * relative to the folder it runs in): what a maintainer runs to reproduce a
   * finding. Absent, or undefined, when the engine has no command line.
   */
  commandLine?(kind: 'driver' | 'module', file: string): Promise<CommandLine | undefined>;
  /** Releases workers; the adapter stays usable (they restart on demand). */
  close?(): Promise<void>;
}
