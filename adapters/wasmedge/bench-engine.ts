// WasmEdge for `wasmdiff bench`: interpreter and JIT, whole process timed
// (bench-cli.ts), and AOT. AOT is two commands, `wasmedge compile prog.wasm
// prog.so` (the compile phase, timed as a process) and `wasmedge --run-mode
// aot prog.so` (the run: its wall time and RSS are the run's, without the
// compilation, which is the point of AOT).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CliBenchEngine } from '../bench-cli.js';
import type { BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../bench-runner.js';
import { benchRunOf, runTimed } from '../bench-timed.js';
import { wasmedgeMode, type WasmEdgeId } from './wasmedge.js';

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

/** This runtime's bench engines, by id (bench-engines.ts joins every runtime's). */
export const WASMEDGE_BENCH_ENGINES = {
  wasmedge: () => new WasmEdgeBenchEngine('wasmedge'),
  'wasmedge-jit': () => new WasmEdgeBenchEngine('wasmedge-jit'),
  'wasmedge-aot': () => new WasmEdgeAotBenchEngine(),
} satisfies Record<string, () => BenchEngine>;
