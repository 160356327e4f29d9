// The reference interpreter as an adapter: the oracle. It follows plan.ts in
// a worker thread (reference-run.ts), so that a module that loops forever is
// stopped by the timeout instead of hanging the harness. The worker is kept
// between plans and replaced after a timeout.
import { Worker } from 'node:worker_threads';
import type { Adapter, Availability, FeatureSet, RunOptions } from './adapter.js';
import { DEFAULT_TIMEOUT_MS } from './adapter.js';
import { probeFeatures } from './features.js';
import { notRun, type InvocationOutcome, type ModuleVerdict, type Plan, type RunOutcome } from './plan.js';
import type { Report } from './reference-run.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './reference-worker.ts' : './reference-worker.js', import.meta.url);

export class ReferenceAdapter implements Adapter {
  readonly id = 'reference';
  readonly engine = 'wasmdiff reference interpreter';
  private worker: Worker | undefined;
  private probed: FeatureSet | undefined;

  async available(): Promise<Availability> {
    return { ok: true, version: 'WebAssembly 2.0 (in-tree)' };
  }

  async features(): Promise<FeatureSet> {
    return (this.probed ??= await probeFeatures(this));
  }

  async run(plan: Plan, options: RunOptions = {}): Promise<RunOutcome> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const worker = (this.worker ??= startWorker());
    let verdict: ModuleVerdict | undefined;
    const outcomes: InvocationOutcome[] = [];
    const stopped = await new Promise<'done' | 'timeout' | string>((resolve) => {
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      const onMessage = (r: Report | { type: 'done' }) => {
        if (r.type === 'verdict') verdict = r.verdict;
        else if (r.type === 'outcome') outcomes[r.index] = r.outcome;
        else settle('done');
      };
      const onError = (e: Error) => settle(`worker died: ${e.message}`);
      const settle = (how: string) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(how);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(plan);
    });
    if (stopped !== 'done') {
      await this.close();
      const at = outcomes.length;
      const cut: InvocationOutcome = stopped === 'timeout' ? { kind: 'timeout' } : { kind: 'crash', message: stopped };
      if (verdict === undefined) {
        verdict = stopped === 'timeout' ? { kind: 'timeout', message: 'timed out while instantiating' } : { kind: 'crash', message: stopped };
        outcomes.push(...notRun(plan.invocations.length, `module verdict: ${verdict.kind}`));
      } else if (at < plan.invocations.length) {
        outcomes.push(cut, ...notRun(plan.invocations.length - at - 1, `after the ${cut.kind} of invocation ${at}`));
      }
    }
    return { adapter: this.id, verdict: verdict ?? { kind: 'crash', message: 'no verdict' }, invocations: outcomes, processes: 0 };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}

/** Under tsx/vitest the worker is TypeScript: register tsx in it before loading it. */
function startWorker(): Worker {
  const w = workerUrl.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true })
    : new Worker(workerUrl);
  w.unref();
  return w;
}
