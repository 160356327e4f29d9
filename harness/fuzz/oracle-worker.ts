// The oracle's worker thread: one plan per message, reports posted as they are known.
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../../adapters/plan.js';
import { runOraclePlan } from './oracle-run.js';

parentPort?.on('message', (plan: Plan) => {
  runOraclePlan(plan, (report) => parentPort!.postMessage(report));
  parentPort!.postMessage({ type: 'done' });
});
