// The native build of a benchmark's C source: the baseline every engine's
// time is also divided by. One process per run, timed like the engines.
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../bench-runner.js';
import { benchRunOf, runTimed } from '../bench-timed.js';

export const NATIVE_ID = 'native';

export class NativeBenchEngine implements BenchEngine {
  readonly id = NATIVE_ID;
  readonly engine = 'native (C build)';
  readonly phases: readonly Phase[] = [];

  async available(): Promise<BenchAvailability> {
    return { ok: true, version: `${process.platform}-${process.arch}` };
  }

  supports(program: BenchProgram): string | undefined {
    return program.nativePath === undefined ? `no native build: ${program.nativeMissing ?? 'none given'}` : undefined;
  }

  async run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    if (program.nativePath === undefined) return { kind: 'failed', reason: 'no native build of this program' };
    return benchRunOf(await runTimed([program.nativePath, ...program.args], options), options.timeoutMs);
  }
}

/** The native baseline, by id (bench-engines.ts joins it with every runtime's engines). */
export const NATIVE_BENCH_ENGINES = {
  [NATIVE_ID]: () => new NativeBenchEngine(),
} satisfies Record<string, () => BenchEngine>;
