// The oracle for the fuzzer: the reference interpreter in a worker thread
// (oracle-worker.ts), so that a candidate module that loops forever (the
// minimiser may remove a fuel check) is stopped by the timeout. Its outcome
// is a RunOutcome like any adapter's, plus one OracleNote per invocation
// (allowed results) and the instructions the oracle executed.
import type { Worker } from 'node:worker_threads';
import type { InvocationOutcome, ModuleVerdict, Plan, RunOutcome } from '../../adapters/plan.js';
import { awaitWorker, cutShort, startWorker } from '../../adapters/worker-run.js';
import type { OracleNote, OracleReport, OracleRunOptions, PlanChoices } from './oracle-run.js';

export interface OracleOutcome {
  run: RunOutcome;
  notes: OracleNote[];
  /** executions per wasm mnemonic (exact, counted by the interpreter); absent when the run was cut short */
  executed?: Map<string, number>;
  /** wall-clock milliseconds the oracle took (worker start-up included: per invocation, notes[i].ms is the interpreter's own) */
  ms: number;
  /** choices the spec leaves open that the plan made (absent when the run was cut short) */
  choices?: PlanChoices;
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './oracle-worker.ts' : './oracle-worker.js', import.meta.url);

export class Oracle {
  private worker: Worker | undefined;

  async run(plan: Plan, timeoutMs: number, options: OracleRunOptions = {}): Promise<OracleOutcome> {
    const started = performance.now();
    const worker = (this.worker ??= startWorker(workerUrl, { maxYoungGenerationSizeMb: 64 }));
    let verdict: ModuleVerdict | undefined;
    let executed: Map<string, number> | undefined;
    let choices: PlanChoices | undefined;
    let outcomes: InvocationOutcome[] = [];
    const notes: OracleNote[] = plan.invocations.map(() => ({}));
    const stopped = await awaitWorker<OracleReport>(worker, { plan, options }, timeoutMs, (r) => {
      if (r.type === 'verdict') verdict = r.verdict;
      else if (r.type === 'outcome') {
        outcomes[r.index] = r.outcome;
        notes[r.index] = r.note;
      } else {
        executed = r.counts;
        choices = r.choices;
      }
    });
    if (stopped !== 'done') {
      await this.close();
      // a dead worker is a broken oracle, not an outcome to compare against
      if (stopped !== 'timeout') throw new Error(`fuzz: the oracle failed: ${stopped}`);
      ({ verdict, outcomes } = cutShort(plan, verdict, outcomes, stopped));
    }
    const run: RunOutcome = { adapter: 'reference', verdict: verdict ?? { kind: 'crash', message: 'no verdict' }, invocations: outcomes, processes: 0 };
    return { run, notes, ...(executed === undefined ? {} : { executed }), ...(choices === undefined ? {} : { choices }), ms: performance.now() - started };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }
}
