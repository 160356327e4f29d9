// How `wasmdiff bench` runs a WASI command program on an engine and times it.
// Every engine is timed as a whole process (wall time and peak RSS through
// GNU time: bench-timed.ts); engines that let us see inside also report the
// compile, instantiate and execute phases. Each engine is its runtime's
// bench-engine.ts:
//   v8/         V8 in a child node (this node, or v8-node22/24): all three phases
//   wasmtime/   Wasmtime inside wizer: whole process only
//   wamr/       WAMR iwasm (fast, classic): whole process (bench-cli.ts)
//   wasmedge/   WasmEdge interpreter and JIT: whole process (bench-cli.ts);
//               WasmEdge AOT: `wasmedge compile` is the compile phase
//   reference/  the reference interpreter in a child node: all three phases
//   native/     the native build of the same C source: the baseline
export type Phase = 'compile' | 'instantiate' | 'execute';

/** One program to run: a WASI command and the arguments after argv[0]. */
export interface BenchProgram {
  name: string;
  wasmPath: string;
  args: string[];
  /** The native build of the same source, when there is one. */
  nativePath?: string;
  /** Why there is no native build, when there is none. */
  nativeMissing?: string;
}

export interface BenchRunOptions {
  timeoutMs: number;
  /** A private folder for temporary files (GNU time reports, compiled artefacts). */
  scratch: string;
}

export type BenchRun =
  | {
      kind: 'ok';
      /** Whole-process wall time (for WasmEdge AOT: running the precompiled file). */
      wallMs: number;
      rssKb?: number;
      phases: Partial<Record<Phase, number>>;
      stdout: string;
      /** The command line that ran the program (the last one, for two-step engines). */
      argv: string[];
    }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'failed'; reason: string }
  /** The engine itself died of a signal (or a fatal error ending in one): the evidence for a crash finding. */
  | { kind: 'crash'; reason: string; argv: string[]; signal: string; stderr: string };

export type BenchAvailability = { ok: true; version: string } | { ok: false; reason: string };

export interface BenchEngine {
  /** An adapter id (registry.ts), or `native`. */
  readonly id: string;
  readonly engine: string;
  /** The phases this engine's runs report besides the whole-process wall time. */
  readonly phases: readonly Phase[];
  available(): Promise<BenchAvailability>;
  /** Whether this engine can run the program at all (native needs a native build). */
  supports?(program: BenchProgram): string | undefined;
  run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun>;
}
