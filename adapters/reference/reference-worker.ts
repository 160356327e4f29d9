// The worker thread body of the reference adapter: runs one plan per message
// and posts the verdict and each outcome as it is known.
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../plan.js';
import { runReferencePlan, type ReferenceRunOptions } from './reference-run.js';

// Nothing here reads an error's stack (an outcome keeps its message), and the
// interpreter throws one per trap: capturing none makes a trap cheap.
Error.stackTraceLimit = 0;

parentPort?.on('message', ({ plan, options }: { plan: Plan; options: ReferenceRunOptions }) => {
  runReferencePlan(plan, (report) => parentPort!.postMessage(report), options);
  parentPort!.postMessage({ type: 'done' });
});
