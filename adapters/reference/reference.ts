// The reference interpreter as an adapter: the oracle. It follows plan.ts in
// a worker thread (reference-run.ts), so that a module that loops forever is
// stopped by the timeout instead of hanging the harness. The worker is kept
// between plans and replaced after a timeout.
import type { Worker } from 'node:worker_threads';
import type { Adapter, Availability, FeatureSet, RunOptions } from '../adapter.js';
import { DEFAULT_TIMEOUT_MS } from '../adapter.js';
import { probeFeatures } from '../features.js';
import type { InvocationOutcome, ModuleVerdict, Plan, RunOutcome } from '../plan.js';
import type { Report } from './reference-run.js';
import { awaitWorker, cutShort, startWorker } from '../worker-run.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './reference-worker.ts' : './reference-worker.js', import.meta.url);

export class ReferenceAdapter implements Adapter {
  readonly id = 'reference';
  readonly engine = 'wasmdiff reference interpreter';
  private worker: Worker | undefined;
  private probed: FeatureSet | undefined;

  async available(): Promise<Availability> {
    return { ok: true, version: 'WebAssembly 3.0 (in-tree)' };
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  async run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const worker = (this.worker ??= startWorker(workerUrl));
    let verdict: ModuleVerdict | undefined;
    let outcomes: InvocationOutcome[] = [];
    const stopped = await awaitWorker<Report>(worker, plan, timeoutMs, (r) => {
      if (r.type === 'verdict') verdict = r.verdict;
      else outcomes[r.index] = r.outcome;
    });
    if (stopped !== 'done') {
      await this.close();
      ({ verdict, outcomes } = cutShort(plan, verdict, outcomes, stopped));
    }
    return { adapter: this.id, verdict: verdict ?? { kind: 'crash', message: 'no verdict' }, invocations: outcomes, processes: 0 };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const REFERENCE_ADAPTERS = {
  reference: () => new ReferenceAdapter(),
} satisfies Record<string, () => Adapter>;
