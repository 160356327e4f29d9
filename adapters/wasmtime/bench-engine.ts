// Wasmtime for `wasmdiff bench`, through wizer (which embeds it: see
// wasmtime.ts for how the program runs as a preloaded module whose `_start`
// the launcher calls). Only the whole process is timed: wizer compiles with
// Cranelift and runs in one command and reports no phases, and its
// validate-only mode (an absent init function) stops before compiling, so
// compile time cannot be taken apart from a run. The program is given its
// arguments through the argv shim (bench-argv-shim.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { ARGV_MODULE, withArgvShim } from './bench-argv-shim.js';
import { availability, locateRuntime, type LocatedRuntime } from '../bench-locate.js';
import type { BenchAvailability, BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../bench-runner.js';
import { benchRunOf, runTimed } from '../bench-timed.js';

const LAUNCHER_WAT = '(module (import "d" "_start" (func $run)) (func (export "_start") call $run))';

export class WasmtimeBenchEngine implements BenchEngine {
  readonly id = 'wasmtime';
  readonly engine = 'Wasmtime';
  readonly phases: readonly Phase[] = [];
  private located: Promise<LocatedRuntime | { reason: string }> | undefined;
  /** program name + args -> the files written for it (written once per scratch folder). */
  private readonly prepared = new Map<string, string[]>();

  async available(): Promise<BenchAvailability> {
    const rt = await this.locate();
    if ('reason' in rt) return availability(rt);
    return { ok: true, version: rt.version };
  }

  async run(program: BenchProgram, options: BenchRunOptions): Promise<BenchRun> {
    const rt = await this.locate();
    if ('reason' in rt) return { kind: 'failed', reason: rt.reason };
    let files: string[];
    try {
      files = this.prepare(program, options.scratch);
    } catch (err) {
      return { kind: 'failed', reason: `cannot pass argv through wizer: ${(err as Error).message}` };
    }
    const [shim, prog, launcher] = files as [string, string, string];
    const argv = [...rt.command, '--allow-wasi', '--init-func', '_start', '--preload', `${ARGV_MODULE}=${shim}`, '--preload', `d=${prog}`, launcher, '-o', '/dev/null'];
    return benchRunOf(await runTimed(argv, options), options.timeoutMs);
  }

  private prepare(program: BenchProgram, scratch: string): string[] {
    const key = `${scratch}\0${program.name}\0${program.args.join('\0')}`;
    let files = this.prepared.get(key);
    if (files === undefined) {
      const n = this.prepared.size;
      const { program: bytes, shim } = withArgvShim(readFileSync(program.wasmPath), [program.name, ...program.args]);
      files = [join(scratch, `wizer-argv-${n}.wasm`), join(scratch, `wizer-program-${n}.wasm`), join(scratch, 'wizer-launcher.wasm')];
      writeFileSync(files[0]!, shim);
      writeFileSync(files[1]!, bytes);
      writeFileSync(files[2]!, encodeModule(parseWat(LAUNCHER_WAT)));
      this.prepared.set(key, files);
    }
    return files;
  }

  private locate(): Promise<LocatedRuntime | { reason: string }> {
    return (this.located ??= locateRuntime('wasmtime').then((rt) =>
      'reason' in rt || rt.version.includes('wizer') ? rt : { reason: `bench drives Wasmtime through wizer; found ${rt.version}` },
    ));
  }
}

/** This runtime's bench engines, by id (bench-engines.ts joins every runtime's). */
export const WASMTIME_BENCH_ENGINES = {
  wasmtime: () => new WasmtimeBenchEngine(),
} satisfies Record<string, () => BenchEngine>;
