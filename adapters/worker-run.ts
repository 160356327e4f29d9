// Running a plan in a worker thread with a timeout, over one protocol (a
// verdict, outcomes by index, then `done`): the reference adapter's, and any
// other in-process engine's.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { notRun, type InvocationOutcome, type ModuleVerdict, type Plan } from './plan.js';

/**
 * Starts the worker at `url`. Under tsx/vitest it is TypeScript: tsx is
 * registered in it first, resolved from this project (an eval worker would
 * resolve a bare `tsx` from the working folder, which may be anywhere).
 */
export function startWorker(url: URL, resourceLimits?: ResourceLimits): Worker {
  const options = resourceLimits === undefined ? {} : { resourceLimits };
  let w: Worker;
  if (url.pathname.endsWith('.ts')) {
    const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
    w = new Worker(boot, { eval: true, ...options });
  } else {
    w = new Worker(url, options);
  }
  w.unref();
  return w;
}

/**
 * Posts `message` and feeds every report to `onReport` until one of type
 * `done`: resolves 'done', 'timeout', or why the worker died.
 */
export function awaitWorker<R extends { type: string }>(worker: Worker, message: unknown, timeoutMs: number, onReport: (r: R) => void): Promise<string> {
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    const onMessage = (r: R) => (r.type === 'done' ? settle('done') : onReport(r));
    const onError = (e: Error) => settle(`worker died: ${e.message}`);
    const settle = (how: string) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(how);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(message);
  });
}

/**
 * A run the worker did not finish (`stopped` is 'timeout' or why it died):
 * the verdict if none came, the invocation it was in as timed out or crashed,
 * and the rest not run. `outcomes` holds what was reported, in order.
 */
export function cutShort(plan: Plan, verdict: ModuleVerdict | undefined, outcomes: InvocationOutcome[], stopped: string): { verdict: ModuleVerdict; outcomes: InvocationOutcome[] } {
  const n = plan.invocations.length;
  const timedOut = stopped === 'timeout';
  if (verdict === undefined) {
    const v: ModuleVerdict = timedOut ? { kind: 'timeout', message: 'timed out while instantiating' } : { kind: 'crash', message: stopped };
    return { verdict: v, outcomes: notRun(n, `module verdict: ${v.kind}`) };
  }
  const at = outcomes.length;
  if (at >= n) return { verdict, outcomes };
  const cut: InvocationOutcome = timedOut ? { kind: 'timeout' } : { kind: 'crash', message: stopped };
  return { verdict, outcomes: [...outcomes, cut, ...notRun(n - at - 1, `after the ${cut.kind} of invocation ${at}`)] };
}
