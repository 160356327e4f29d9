// Runs a generated case on the reference interpreter with the adapters' plan
// semantics, synchronously: the verdict and one outcome per invocation.
import { runReferenceHere } from '../../adapters/reference/reference-run.js';
import type { InvocationOutcome, ModuleVerdict } from '../../adapters/plan.js';
import type { GeneratedCase } from './generated-case.js';

export function runOnOracle(k: Pick<GeneratedCase, 'bytes' | 'invocations'>): { verdict: ModuleVerdict; outcomes: InvocationOutcome[] } {
  const { run } = runReferenceHere({ module: k.bytes, invocations: k.invocations });
  return { verdict: run.verdict, outcomes: run.invocations };
}
