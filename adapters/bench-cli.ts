// Command-line engines for `wasmdiff bench` whose runs are one process each:
// WAMR's iwasm (fast and classic interpreters) and WasmEdge (interpreter,
// JIT, and AOT). Only the whole process can be timed for the first four: they
// load, compile (or pre-process) and run in one command with no report of
// the phases. WasmEdge AOT is two commands, `wasmedge compile prog.wasm
// prog.so` (the compile phase, timed as a process) and `wasmedge --run-mode
// aot prog.so` (the run: its wall time and RSS are the run's, without the
// compilation, which is the point of AOT).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { availability, locateRuntime, type LocatedRuntime } from './bench-locate.js';
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from './bench-runner.js';
import { benchRunOf, runTimed } from './bench-timed.js';
import type { RuntimeName } from './provision/registry.js';
import { wasmedgeMode, type WasmEdgeId } from './wasmedge.js';

/** iwasm's operand/frame stack (default 64 KiB): C programs with deep recursion need more. */
const IWASM_STACK_BYTES = 8 << 20;

abstract class CliBenchEngine implements BenchEngine {
  abstract readonly engine: string;
  readonly phases: readonly Phase[] = [];
  private located: Promise<LocatedRuntime | { reason: string }> | undefined;

  constructor(
    readonly id: string,
    private readonly runtime: RuntimeName,
  ) {}

  async available(): Promise<BenchAvailability> {
    return availability(await this.locate());
  }

  async run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    const rt = await this.locate();
    if ('reason' in rt) return { kind: 'failed', reason: rt.reason };
    return this.runWith(rt.command, program, options);
  }

  protected async runWith(command: string[], program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    return benchRunOf(await runTimed(this.argv(command, program.wasmPath, program.args), options), options.timeoutMs);
  }

  protected abstract argv(command: string[], file: string, args: string[]): string[];

  private locate(): Promise<LocatedRuntime | { reason: string }> {
    return (this.located ??= locateRuntime(this.runtime));
  }
}

export class IwasmBenchEngine extends CliBenchEngine {
  readonly engine: string;

  constructor(id: 'wamr-fast' | 'wamr-classic') {
    super(id, id);
    this.engine = id === 'wamr-fast' ? 'WAMR fast interpreter' : 'WAMR classic interpreter';
  }

  protected argv(command: string[], file: string, args: string[]): string[] {
    // the program's allocator lives in its linear memory: iwasm's app heap is not used
    return [...command, '--heap-size=0', `--stack-size=${IWASM_STACK_BYTES}`, file, ...args];
  }
}

export class WasmEdgeBenchEngine extends CliBenchEngine {
  readonly engine: string;
  private readonly flags: string[];

  constructor(id: WasmEdgeId) {
    super(id, 'wasmedge');
    ({ engine: this.engine, flags: this.flags } = wasmedgeMode(id));
  }

  protected argv(command: string[], file: string, args: string[]): string[] {
    return [...command, ...this.flags, file, ...args];
  }
}

export class WasmEdgeAotBenchEngine extends CliBenchEngine {
  readonly engine = 'WasmEdge AOT';
  override readonly phases: readonly Phase[] = ['compile'];
  private compiled = 0;

  constructor() {
    super('wasmedge-aot', 'wasmedge');
  }

  protected override async runWith(command: string[], program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    const so = join(options.scratch, `${program.name}-${process.pid}-${this.compiled++}.so`);
    try {
      const compile = await runTimed([...command, 'compile', program.wasmPath, so], options);
      const compiled = benchRunOf(compile, options.timeoutMs);
      if (compiled.kind === 'timeout' || compiled.kind === 'crash') return compiled;
      if (compiled.kind === 'failed') return { kind: 'failed', reason: `wasmedge compile: ${compiled.reason}` };
      return benchRunOf(await runTimed(this.argv(command, so, program.args), options), options.timeoutMs, { compile: compile.wallMs });
    } finally {
      rmSync(so, { force: true });
    }
  }

  protected argv(command: string[], file: string, args: string[]): string[] {
    return [...command, '--run-mode', 'aot', '--log-level', 'error', file, ...args];
  }
}
