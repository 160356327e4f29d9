// What every command-line runtime adapter shares: locating the runtime
// through provisioning (provision/status.ts), writing the driver (or the bare
// module) to a temp file, running it (a request to the runtime's server when
// it has one, serve.ts; else one process per driver run), and handing the
// rest to runDriverPlan. Each runtime's adapter (wasmtime/wasmtime.ts,
// wamr/wamr.ts, ...) says only how its command line looks and how its
// messages read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, Availability, CommandLine, FeatureSet, RunOptions } from './adapter.js';
import { DEFAULT_TIMEOUT_MS } from './adapter.js';
import { runDriverPlan, runDriverPlans, segmentFromProcess, type DriverRunner, type Segment } from './driver/run-plan.js';
import { splitBatch } from './batch-output.js';
import { probeFeatures } from './features.js';
import type { Plan, RunOutcome } from './plan.js';
import { runProcess, RUNTIME_MEMORY_LIMIT_BYTES, type ProcessOptions, type ProcessResult } from './process.js';
import { continuedRuns, ServedProcess } from './serve.js';
import { defaultLocateContext } from './provision/locate.js';
import type { CliDialect } from './provision/manifest.js';
import { runtimeSpec, type RuntimeName } from './provision/registry.js';
import { runtimeStatus, type FoundRuntime } from './provision/status.js';
import type { MessageTable } from './trap-kinds.js';

/** The located runtime: the argv prefix that runs it and the CLI dialect it speaks. */
export interface Located {
  command: string[];
  dialect: CliDialect;
  version: string;
  /** The argv of the runtime's separate server binary (serve.ts protocol), when it has one. */
  serveCommand?: string[];
}

/** The runtime-specific part of a command-line adapter. */
export interface CliDialectSpec {
  /** Message rows (runtime wording first, SPEC_WORDING last). */
  messages: MessageTable;
  /** argv that runs the WASI driver `file` (its `_start`). */
  driverCommand(rt: Located, file: string, scratch: string): string[];
  /** argv that loads and instantiates the bare module `file`. */
  moduleCommand(rt: Located, file: string, scratch: string): string[];
  /** Turns the finished process into a segment (default: segmentFromProcess). */
  segment?(r: ProcessResult, kind: 'driver' | 'module'): Segment;
  /**
   * For a runtime whose verdict on a bare module takes more than one process:
   * runs it, given a runner of commands on the written file (default: one
   * moduleCommand process).
   */
  judgeModule?(run: (argv: string[]) => Promise<ProcessResult>, rt: Located, file: string, scratch: string): Promise<ProcessResult>;
  /** Files the commands need besides the module (e.g. a launcher module), written once into the scratch folder. */
  scratchFiles?: Record<string, Uint8Array>;
  /**
   * argv that runs the WASI drivers `files` in one process, in order, each
   * started after a line `BATCH_MARKER <k>` on stdout (the runner writes
   * whatever else the command needs into `scratch`): for a runtime whose
   * process start costs more than most modules run. Absent: a process each.
   */
  batchCommand?(rt: Located, files: readonly string[], scratch: string): string[];
  /**
   * A persistent server for this runtime (serve.ts protocol): every run is
   * a request to it instead of a process. The one-shot commands above stay
   * what users are shown to reproduce a finding.
   */
  serve?: {
    /** argv that starts the server, or undefined when this installed runtime cannot serve (then: a process per run). */
    command(rt: Located, scratch: string): Promise<string[] | undefined>;
    /** The request fields that do what driverCommand / moduleCommand (or judgeModule) do for `file`. */
    request(kind: 'driver' | 'module', file: string, scratch: string): string[];
  };
}

/** Runs of a process-per-run adapter worth overlapping: a process start is mostly waiting. */
const PARALLEL_PROCESSES = 2;

export abstract class CliAdapter implements Adapter {
  abstract readonly engine: string;
  private located: Promise<Availability> | undefined;
  private runtime: Located | undefined;
  private scratch: string | undefined;
  private probed: FeatureSet | undefined;
  private counter = 0;
  /** The server, once asked for: undefined inside when the runtime cannot serve. */
  private server: Promise<ServedProcess | undefined> | undefined;
  /** Processes started by this adapter (one-shot runs and servers). */
  private spawned = 0;

  constructor(
    readonly id: string,
    private readonly runtimeName: RuntimeName,
  ) {}

  protected abstract dialect(rt: Located): CliDialectSpec;

  available(): Promise<Availability> {
    return (this.located ??= this.locate());
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  async run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    return runDriverPlan(plan, await this.runner(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Several plans: where the runtime runs many drivers in a process (batchCommand), in as few processes as traps allow. */
  async runMany(plans: readonly Plan[], options: RunOptions = {}): Promise<RunOutcome[]> {
    return runDriverPlans(plans, await this.runner(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  private async runner(): Promise<DriverRunner> {
    const a = await this.available();
    if (!a.ok || this.runtime === undefined) throw new Error(`${this.id} is not available: ${a.ok ? 'not located' : a.reason}`);
    const rt = this.runtime;
    const d = this.dialect(rt);
    const scratch = this.scratchDir(d);
    const server = await this.serverFor(d, rt, scratch);
    const spawn = (argv: string[], timeoutMs: number): Promise<ProcessResult> => {
      this.spawned++;
      return runProcess(argv, limits(timeoutMs));
    };
    const serve = (kind: 'driver' | 'module', file: string, timeoutMs: number) =>
      server!.request(d.serve!.request(kind, file, scratch), { timeoutMs, maxOutputBytes: limits(timeoutMs).maxOutputBytes });
    const toSegment = (kind: 'driver' | 'module') => (r: ProcessResult) => (d.segment ? d.segment(r, kind) : segmentFromProcess(r));
    const batch = d.batchCommand;
    return {
      id: this.id,
      messages: d.messages,
      runDriver: async (driverFor, from, timeoutMs) =>
        server
          ? // a server may itself go on after a trap: one result per stopped run
            continuedRuns(await this.runFile(scratch, driverFor(from), 'driver', (f) => serve('driver', f, timeoutMs))).map(toSegment('driver'))
          : [toSegment('driver')(await this.runFile(scratch, driverFor(from), 'driver', (f) => spawn(d.driverCommand(rt, f, scratch), timeoutMs)))],
      runModule: async (module, timeoutMs) =>
        toSegment('module')(
          await this.runFile(scratch, module, 'module', (f) =>
            server
              ? serve('module', f, timeoutMs)
              : d.judgeModule
                ? d.judgeModule((argv) => spawn(argv, timeoutMs), rt, f, scratch)
                : spawn(d.moduleCommand(rt, f, scratch), timeoutMs),
          ),
        ),
      ...(server || batch === undefined
        ? {}
        : {
            // the process's time: each driver's share of it
            runDrivers: async (drivers, timeoutMs) =>
              splitBatch(await this.runFiles(scratch, drivers, (files) => spawn(batch(rt, files, scratch), timeoutMs * drivers.length)), drivers.length).map(toSegment('driver')),
          }),
      processesStarted: () => this.spawned + (server?.started ?? 0),
    };
  }

  /** The runtime's own command line (not its server): what a maintainer runs. */
  async commandLine(kind: 'driver' | 'module', file: string): Promise<CommandLine | undefined> {
    const a = await this.available();
    if (!a.ok || this.runtime === undefined) return undefined;
    const d = this.dialect(this.runtime);
    const argv = kind === 'driver' ? d.driverCommand(this.runtime, file, '.') : d.moduleCommand(this.runtime, file, '.');
    return { argv, files: { ...(d.scratchFiles ?? {}) } };
  }

  /** One server serves one request at a time; without one, runs are independent processes. */
  async concurrency(): Promise<number> {
    const a = await this.available();
    if (!a.ok || this.runtime === undefined) return 1;
    const d = this.dialect(this.runtime);
    return (await this.serverFor(d, this.runtime, this.scratchDir(d))) ? 1 : PARALLEL_PROCESSES;
  }

  async close(): Promise<void> {
    const server = await this.server;
    this.server = undefined;
    await server?.close();
    if (this.scratch !== undefined) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }

  /** The adapter's one server, started on first use; undefined when the runtime cannot serve. */
  private serverFor(d: CliDialectSpec, rt: Located, scratch: string): Promise<ServedProcess | undefined> {
    return (this.server ??= (async () => {
      const argv = await d.serve?.command(rt, scratch);
      return argv === undefined ? undefined : new ServedProcess(argv, { memoryLimitBytes: RUNTIME_MEMORY_LIMIT_BYTES });
    })());
  }

  private async runFiles<T>(scratch: string, drivers: readonly Uint8Array[], run: (files: string[]) => Promise<T>): Promise<T> {
    const files = drivers.map((bytes) => {
      const file = join(scratch, `driver-${process.pid}-${this.counter++}.wasm`);
      writeFileSync(file, bytes);
      return file;
    });
    try {
      return await run(files);
    } finally {
      for (const f of files) rmSync(f, { force: true });
    }
  }

  private async runFile<T>(scratch: string, bytes: Uint8Array, kind: 'driver' | 'module', run: (file: string) => Promise<T>): Promise<T> {
    const file = join(scratch, `${kind}-${process.pid}-${this.counter++}.wasm`);
    writeFileSync(file, bytes);
    try {
      return await run(file);
    } finally {
      rmSync(file, { force: true });
    }
  }

  private scratchDir(d: CliDialectSpec): string {
    if (this.scratch === undefined) {
      this.scratch = mkdtempSync(join(tmpdir(), `wasmdiff-${this.id}-`));
      for (const [name, bytes] of Object.entries(d.scratchFiles ?? {})) writeFileSync(join(this.scratch, name), bytes);
    }
    return this.scratch;
  }

  private async locate(): Promise<Availability> {
    const spec = runtimeSpec(this.runtimeName);
    if (spec === undefined) return { ok: false, reason: `unknown runtime ${this.runtimeName}`, install: '' };
    const status = await runtimeStatus(spec, defaultLocateContext());
    if (status.found === undefined) return { ok: false, reason: status.notes.join('; ') || 'not found', install: status.howToInstall };
    this.runtime = located(status.found);
    return { ok: true, version: `${status.found.probe.version} (${status.found.probe.detail})` };
  }
}

/** The limits of every runtime process: wall time, output, memory. */
export function limits(timeoutMs: number): ProcessOptions {
  // a 1,000-invocation plan writes ~30 bytes per invocation: far below this
  return { timeoutMs, maxOutputBytes: 16 << 20, memoryLimitBytes: RUNTIME_MEMORY_LIMIT_BYTES };
}

function located(found: FoundRuntime): Located {
  return {
    command: found.command,
    dialect: found.probe.dialect,
    version: found.probe.version,
    ...(found.serveCommand === undefined ? {} : { serveCommand: found.serveCommand }),
  };
}
