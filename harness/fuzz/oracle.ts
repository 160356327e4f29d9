// The oracle for the fuzzer: the reference interpreter in a worker thread
// (oracle-worker.ts), so that a candidate module that loops forever (the
// minimiser may remove a fuel check) is stopped by the timeout. Its outcome
// is a RunOutcome like any adapter's, plus one OracleNote per invocation
// (allowed results) and the instructions the oracle executed.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { notRun, type InvocationOutcome, type ModuleVerdict, type Plan, type RunOutcome } from '../../adapters/plan.js';
import type { OracleNote, OracleReport } from './oracle-run.js';

export interface OracleOutcome {
  run: RunOutcome;
  notes: OracleNote[];
  /** executions per wasm mnemonic (exact, counted by the interpreter); absent when the run was cut short */
  executed?: Map<string, number>;
  /** wall-clock milliseconds the oracle took */
  ms: number;
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './oracle-worker.ts' : './oracle-worker.js', import.meta.url);

export class Oracle {
  private worker: Worker | undefined;

  async run(plan: Plan, timeoutMs: number): Promise<OracleOutcome> {
    const started = performance.now();
    const worker = (this.worker ??= startWorker());
    let verdict: ModuleVerdict | undefined;
    let executed: Map<string, number> | undefined;
    const outcomes: InvocationOutcome[] = [];
    const notes: OracleNote[] = plan.invocations.map(() => ({}));
    const stopped = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      const onMessage = (r: OracleReport | { type: 'done' }) => {
        if (r.type === 'verdict') verdict = r.verdict;
        else if (r.type === 'outcome') {
          outcomes[r.index] = r.outcome;
          notes[r.index] = r.note;
        } else if (r.type === 'coverage') executed = r.counts;
        else settle('done');
      };
      const onError = (e: Error) => settle(`oracle worker died: ${e.message}`);
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
      // a dead worker is a broken oracle, not an outcome to compare against
      if (stopped !== 'timeout') throw new Error(`fuzz: the oracle failed: ${stopped}`);
      const cut: InvocationOutcome = stopped === 'timeout' ? { kind: 'timeout' } : { kind: 'crash', message: stopped };
      if (verdict === undefined) {
        verdict = stopped === 'timeout' ? { kind: 'timeout', message: 'timed out while instantiating' } : { kind: 'crash', message: stopped };
        outcomes.splice(0, outcomes.length, ...notRun(plan.invocations.length, `module verdict: ${verdict.kind}`));
      } else if (outcomes.length < plan.invocations.length) {
        const at = outcomes.length;
        outcomes.push(cut, ...notRun(plan.invocations.length - at - 1, `after the ${cut.kind} of invocation ${at}`));
      }
    }
    const run: RunOutcome = { adapter: 'reference', verdict: verdict ?? { kind: 'crash', message: 'no verdict' }, invocations: outcomes, processes: 0 };
    return { run, notes, ...(executed === undefined ? {} : { executed }), ms: performance.now() - started };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}

/**
 * Under tsx/vitest the worker is TypeScript: register tsx in it before
 * loading it, from this project's tsx (an eval worker resolves bare names
 * from the working folder, which may be anywhere).
 */
function startWorker(): Worker {
  const tsxApi = () => pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const w = workerUrl.pathname.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(tsxApi())}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); })`, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 64 } })
    : new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  w.unref();
  return w;
}
