// The minimiser (issue 7): structure-aware delta debugging on the module
// AST. Given a case (a module and the invocations run on it) and a predicate
// that says whether a candidate still shows the same divergence, it applies
// its passes until none removes anything more (or the budget is spent):
//   1. invocations the divergence does not need (at least one stays);
//   2. exports not called, functions not reachable, unused tables,
//      memories, globals, segments and types, the start function, names;
//   3. instructions and blocks inside function bodies; then calls:
//      call_indirect made direct, functions called once inlined;
//   4. constants and invocation arguments towards 0, 1, -1, fewer bits;
//   5. locals no longer used.
// Only candidates that validate like the input did (and whose invocations
// still resolve) reach the predicate, which runs real runtimes. It is
// deterministic: the same input and predicate answers give the same result.
import { dropInvocations, pruneModule } from './prune-pass.js';
import { reduceBodies } from './body-pass.js';
import { reduceCalls } from './calls-pass.js';
import { simplifyConstants } from './constants-pass.js';
import { dropUnusedLocals } from './locals-pass.js';
import { Reducer, type MinCase, type MinimizeOptions, type Predicate } from './reducer.js';

export type { MinCase, MinimizeOptions, Predicate };

export interface MinimizeResult extends MinCase {
  /** predicate calls made */
  tests: number;
  /** the reductions accepted, in order, one line each */
  steps: string[];
  /** true when the passes reached a fixed point, false when the budget ran out first */
  complete: boolean;
}

const PASSES: readonly ((r: Reducer) => Promise<void>)[] = [dropInvocations, pruneModule, reduceBodies, reduceCalls, simplifyConstants, dropUnusedLocals];

export async function minimize(input: MinCase, stillFails: Predicate, options: MinimizeOptions = {}): Promise<MinimizeResult> {
  const r = new Reducer(input, stillFails, options);
  let progress = true;
  while (progress && !r.exhausted) {
    const before = r.steps.length;
    for (const pass of PASSES) await pass(r);
    progress = r.steps.length > before;
  }
  return { ...r.best, tests: r.tests, steps: r.steps, complete: !progress && !r.exhausted };
}
