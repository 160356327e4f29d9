// The reference interpreter as an adapter: the oracle. It follows plan.ts in
// a worker thread (reference-run.ts), so that a module that loops forever is
// stopped by the timeout instead of hanging the harness: one per run in
// flight (lanes.ts), kept between plans and replaced after a timeout. `run` gives the outcome every
// adapter gives; `observe` (the fuzzer's) the same run with what only the
// oracle knows: allowed results, the instructions executed, open choices.
import type { Worker } from 'node:worker_threads';
import type { Adapter, Availability, FeatureSet, RunOptions } from '../adapter.js';
import { DEFAULT_TIMEOUT_MS } from '../adapter.js';
import { probeFeatures } from '../features.js';
import type { Plan, RunOutcome } from '../plan.js';
import { Gathered, type OracleOutcome, type ReferenceRunOptions, type Report } from './reference-run.js';

export type { OracleOutcome };
import { awaitWorker, cutShort, startWorker } from '../worker-run.js';
import { IN_PROCESS_LANES, Lanes } from '../lanes.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './reference-worker.ts' : './reference-worker.js', import.meta.url);

export class ReferenceAdapter implements Adapter {
  readonly id = 'reference';
  readonly engine = 'wasmdiff reference interpreter';
  private readonly lanes = new Lanes<{ worker?: Worker }>(() => ({}), IN_PROCESS_LANES);
  private probed: FeatureSet | undefined;

  async available(): Promise<Availability> {
    return { ok: true, version: 'WebAssembly 3.0 (in-tree)' };
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  async run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    return (await this.execute(plan, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, {})).outcome.run;
  }

  /** The run observed (reference-run.ts); a worker that dies other than by the timeout is a broken oracle, and throws. */
  async observe(plan: Plan, timeoutMs: number, options: Omit<ReferenceRunOptions, 'observe'> = {}): Promise<OracleOutcome> {
    const { outcome, stopped } = await this.execute(plan, timeoutMs, { ...options, observe: true });
    if (stopped !== 'done' && stopped !== 'timeout') throw new Error(`the oracle failed: ${stopped}`);
    return outcome;
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.all().map(stop));
  }

  private execute(plan: Plan, timeoutMs: number, options: ReferenceRunOptions): Promise<{ outcome: OracleOutcome; stopped: string }> {
    return this.lanes.use((lane) => this.executeOn(lane, plan, timeoutMs, options));
  }

  private async executeOn(lane: { worker?: Worker }, plan: Plan, timeoutMs: number, options: ReferenceRunOptions): Promise<{ outcome: OracleOutcome; stopped: string }> {
    const started = performance.now();
    const worker = (lane.worker ??= startWorker(workerUrl, { maxYoungGenerationSizeMb: 64 }));
    const gathered = new Gathered(plan);
    const stopped = await awaitWorker<Report>(worker, { plan, options }, timeoutMs, gathered.take);
    if (stopped !== 'done') {
      await stop(lane);
      ({ verdict: gathered.verdict, outcomes: gathered.outcomes } = cutShort(plan, gathered.verdict, gathered.outcomes, stopped));
    }
    return { outcome: gathered.outcome(performance.now() - started), stopped };
  }
}

async function stop(lane: { worker?: Worker }): Promise<void> {
  const w = lane.worker;
  lane.worker = undefined;
  if (w !== undefined) await w.terminate();
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const REFERENCE_ADAPTERS = {
  reference: () => new ReferenceAdapter(),
} satisfies Record<string, () => Adapter>;
