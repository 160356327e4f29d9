// A command-line engine for `wasmdiff bench` whose runs are one process each
// (WAMR's iwasm, WasmEdge: <runtime>/bench-engine.ts): the runtime located
// through provisioning, the program run as one timed process. Only the whole
// process can be timed: such a command loads, compiles (or pre-processes) and
// runs with no report of the phases.
import { availability, locateRuntime, type LocatedRuntime } from './bench-locate.js';
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from './bench-runner.js';
import { benchRunOf, runTimed } from './bench-timed.js';
import type { RuntimeName } from './provision/registry.js';

export abstract class CliBenchEngine implements BenchEngine {
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
