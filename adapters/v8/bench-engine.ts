// V8 for `wasmdiff bench`: a child node process per run (this node for `v8`,
// the installed Node 22/24 for v8-node22/24), so that peak RSS is the run's
// own and a hang is killed with its process group. Inside it the three phases
// are timed apart: WebAssembly.compile, WebAssembly.instantiate against
// node:wasi's imports, and wasi.start. The child reports them on its last
// stderr line; the program's stdout is left alone (it holds the checksum).
import { availability, locateRuntime, type LocatedRuntime } from '../bench-locate.js';
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../bench-runner.js';
import { benchRunWithPhases, PHASES_MARK, runTimed } from '../bench-timed.js';
import type { RuntimeName } from '../provision/registry.js';
import { v8Version } from './v8-runner.js';

/** Runs in the child (CommonJS, any Node >= 20): argv = [node, file, argv0, ...args]. */
export const V8_BENCH_CHILD = `
const { readFileSync } = require('node:fs');
const { WASI } = require('node:wasi');
const [file, argv0, ...args] = process.argv.slice(1);
const bytes = readFileSync(file);
(async () => {
  const t0 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t1 = performance.now();
  const wasi = new WASI({ version: 'preview1', args: [argv0, ...args], env: {}, returnOnExit: true });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const t2 = performance.now();
  const code = wasi.start(instance);
  const t3 = performance.now();
  process.stderr.write('\\n${PHASES_MARK}' + JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1, execute: t3 - t2 }) + '\\n');
  process.exitCode = code;
})();
`;

export class V8BenchEngine implements BenchEngine {
  readonly engine = 'V8';
  readonly phases: readonly Phase[] = ['compile', 'instantiate', 'execute'];
  private located: Promise<LocatedRuntime | { reason: string }> | undefined;

  /** `runtime`: the provisioned node to use; without it, the node running wasmdiff. */
  constructor(
    readonly id: string,
    private readonly runtime?: RuntimeName,
  ) {}

  async available(): Promise<BenchAvailability> {
    return availability(await this.locate());
  }

  async run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    const rt = await this.locate();
    if ('reason' in rt) return { kind: 'failed', reason: rt.reason };
    const r = await runTimed([...rt.command, '--no-warnings', '-e', V8_BENCH_CHILD, program.wasmPath, program.name, ...program.args], options);
    return benchRunWithPhases(r, options.timeoutMs, 'the V8 child');
  }

  private locate(): Promise<LocatedRuntime | { reason: string }> {
    return (this.located ??= this.runtime === undefined
      ? Promise.resolve({ command: [process.execPath], version: v8Version(process.versions.v8, process.version) })
      : locateRuntime(this.runtime));
  }
}

/** This runtime's bench engines, by id (bench-engines.ts joins every runtime's). */
export const V8_BENCH_ENGINES = {
  v8: () => new V8BenchEngine('v8'),
  'v8-node22': () => new V8BenchEngine('v8-node22', 'v8-node22'),
  'v8-node24': () => new V8BenchEngine('v8-node24', 'v8-node24'),
} satisfies Record<string, () => BenchEngine>;
