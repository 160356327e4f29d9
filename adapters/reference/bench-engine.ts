// The reference interpreter for `wasmdiff bench`: a child node process per run
// (bench-child.ts) so that its RSS is measured and a run that takes
// too long is killed. It is an interpreter written for exactness, not speed:
// full-size programs mostly end as "too slow" at the per-run limit.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../bench-runner.js';
import { benchRunWithPhases, runTimed } from '../bench-timed.js';

const here = import.meta.url;
const underTs = here.endsWith('.ts');
const child = fileURLToPath(new URL(underTs ? './bench-child.ts' : './bench-child.js', here));

export class ReferenceBenchEngine implements BenchEngine {
  readonly id = 'reference';
  readonly engine = 'wasmdiff reference interpreter';
  readonly phases: readonly Phase[] = ['compile', 'instantiate', 'execute'];

  async available(): Promise<BenchAvailability> {
    return { ok: true, version: 'WebAssembly 3.0 (in-tree)' };
  }

  async run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    // from TypeScript sources (tsx, vitest) the child needs tsx's loader too
    const loader = underTs ? ['--import', createRequire(here).resolve('tsx')] : [];
    const r = await runTimed([process.execPath, ...loader, child, program.wasmPath, program.name, ...program.args], options);
    return benchRunWithPhases(r, options.timeoutMs, 'the reference child');
  }
}

/** This runtime's bench engines, by id (bench-engines.ts joins every runtime's). */
export const REFERENCE_BENCH_ENGINES = {
  reference: () => new ReferenceBenchEngine(),
} satisfies Record<string, () => BenchEngine>;
