// V8 in this process (Node's own WebAssembly), through the driver module:
// JS calls are lossy (NaN payloads may change crossing into JS numbers, i64
// needs BigInt, v128 cannot cross at all), so values never cross into JS:
// the driver writes their bits with a JS-implemented fd_write. It runs in a
// worker thread so that a hung module is stopped by a timeout; several, one
// per run in flight (lanes.ts).
import type { Adapter, Availability, CommandLine, FeatureSet, RunOptions } from '../adapter.js';
import { DEFAULT_TIMEOUT_MS } from '../adapter.js';
import { runDriverPlan, type DriverRunner } from '../driver/run-plan.js';
import { probeFeatures } from '../features.js';
import type { Plan, RunOutcome } from '../plan.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { V8_MESSAGES } from './messages.js';
import { V8NodeAdapter } from './v8-node.js';
import { v8CommandLine, v8Version } from './v8-runner.js';
import { V8Worker } from './v8-worker.js';
import { IN_PROCESS_LANES, Lanes } from '../lanes.js';

export class V8Adapter implements Adapter {
  readonly id = 'v8';
  readonly engine = 'V8';
  private readonly workers = new Lanes(() => new V8Worker(), IN_PROCESS_LANES);
  private probed: FeatureSet | undefined;
  private readonly runner: DriverRunner = {
    id: this.id,
    messages: [...V8_MESSAGES, ...SPEC_WORDING],
    runDriver: (driverFor, from, timeoutMs) => this.workers.use((w) => w.run({ kind: 'driver', driver: driverFor(from), from }, timeoutMs)),
    runModule: async (module, timeoutMs) => (await this.workers.use((w) => w.run({ kind: 'module', module }, timeoutMs)))[0]!,
    processesStarted: () => 0, // a worker thread of this process
  };

  async available(): Promise<Availability> {
    return { ok: true, version: v8Version(process.versions.v8, process.version) };
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    return runDriverPlan(plan, this.runner, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  async commandLine(kind: 'driver' | 'module', file: string): Promise<CommandLine> {
    return v8CommandLine([process.execPath], kind, file);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.all().map((w) => w.stop()));
  }
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const V8_ADAPTERS = {
  v8: () => new V8Adapter(),
  'v8-node22': () => new V8NodeAdapter('v8-node22', 'v8-node22'),
  'v8-node24': () => new V8NodeAdapter('v8-node24', 'v8-node24'),
} satisfies Record<string, () => Adapter>;
