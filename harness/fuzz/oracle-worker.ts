// The oracle's worker thread: one plan per message, reports posted as they are known.
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../../adapters/plan.js';
import { runOraclePlan, type OracleRunOptions } from './oracle-run.js';

parentPort?.on('message', ({ plan, options }: { plan: Plan; options: OracleRunOptions }) => {
  runOraclePlan(plan, (report) => parentPort!.postMessage(report), options);
  parentPort!.postMessage({ type: 'done' });
});
