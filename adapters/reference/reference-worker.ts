// The worker thread body of the reference adapter: runs one plan per message
// and posts the verdict and each outcome as it is known.
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../plan.js';
import { runReferencePlan } from './reference-run.js';

parentPort?.on('message', (plan: Plan) => {
  runReferencePlan(plan, (report) => parentPort!.postMessage(report));
  parentPort!.postMessage({ type: 'done' });
});
