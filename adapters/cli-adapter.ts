// What every command-line runtime adapter shares: locating the runtime
// through provisioning (provision/status.ts), writing the driver (or the bare
// module) to a temp file, running one process per driver run, and handing the
// rest to runDriverPlan. Each runtime file (wasmtime.ts, wamr.ts, ...) says
// only how its command line looks and how its messages read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, Availability, FeatureSet, RunOptions } from './adapter.js';
import { DEFAULT_TIMEOUT_MS } from './adapter.js';
import { runDriverPlan, segmentFromProcess, type DriverRunner, type Segment } from './driver/run-plan.js';
import { probeFeatures } from './features.js';
import type { Plan, RunOutcome } from './plan.js';
import { runProcess, RUNTIME_MEMORY_LIMIT_BYTES, type ProcessOptions, type ProcessResult } from './process.js';
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
}

export abstract class CliAdapter implements Adapter {
  abstract readonly engine: string;
  private located: Promise<Availability> | undefined;
  private runtime: Located | undefined;
  private scratch: string | undefined;
  private probed: FeatureSet | undefined;
  private counter = 0;

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
    const a = await this.available();
    if (!a.ok || this.runtime === undefined) throw new Error(`${this.id} is not available: ${a.ok ? 'not located' : a.reason}`);
    const rt = this.runtime;
    const d = this.dialect(rt);
    const scratch = this.scratchDir(d);
    const runner: DriverRunner = {
      id: this.id,
      messages: d.messages,
      runDriver: async (driverFor, from, timeoutMs) =>
        [await this.runFile(driverFor(from), 'driver', d, (f) => runProcess(d.driverCommand(rt, f, scratch), limits(timeoutMs)))],
      runModule: (module, timeoutMs) =>
        this.runFile(module, 'module', d, (f) =>
          d.judgeModule
            ? d.judgeModule((argv) => runProcess(argv, limits(timeoutMs)), rt, f, scratch)
            : runProcess(d.moduleCommand(rt, f, scratch), limits(timeoutMs)),
        ),
    };
    return runDriverPlan(plan, runner, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  async close(): Promise<void> {
    if (this.scratch !== undefined) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }

  private async runFile(bytes: Uint8Array, kind: 'driver' | 'module', d: CliDialectSpec, run: (file: string) => Promise<ProcessResult>): Promise<Segment> {
    const file = join(this.scratchDir(d), `${kind}-${process.pid}-${this.counter++}.wasm`);
    writeFileSync(file, bytes);
    try {
      const r = await run(file);
      return d.segment ? d.segment(r, kind) : segmentFromProcess(r);
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
  return { command: found.command, dialect: found.probe.dialect, version: found.probe.version };
}
