// The one place where allowed differences from the oracle are written down.
// Each excuses only what the spec leaves open (a NaN's payload and sign, a
// grow failing, the stack depth and other resource limits past a bound), or
// what no plan can express. A comparison (compare.ts) that meets one records
// the rule's id, so a report can say how often each was used.
import type { ModuleVerdict } from '../../adapters/plan.js';

export interface AllowedRule {
  id: string;
  reason: string;
}

export const RULES = {
  nanPayload: {
    id: 'nan-payload',
    reason: 'spec 4.3.3 (NaN propagation): a NaN result may be any canonical NaN when all NaN inputs are canonical, otherwise any arithmetic NaN; the oracle ran again under two other NaN policies (variants.ts) and only the bits on which every policy agrees were compared',
  },
  nanDependentState: {
    id: 'nan-dependent-state',
    reason: 'spec 4.3.3: the final state holds bits of a NaN the spec leaves open (the oracle\'s NaN policies disagree on the state digest), so the digest, a hash, cannot be compared bit by bit',
  },
  relaxedChoice: {
    id: 'relaxed-choice',
    reason: "spec 4.3.4 (relaxed SIMD): an implementation fixes each relaxed parameter once; the result is one the oracle computed under one of the spec's profiles",
  },
  growChoice: {
    id: 'grow-choice',
    reason: 'spec 4.4.7 (memory.grow, table.grow): growing may fail for resource reasons even below the maximum; the runtime matched the oracle run in which every grow fails, compared exactly from there on',
  },
  stackDepth: {
    id: 'stack-depth',
    reason: 'spec 4.4.10 / appendix A.2: the call stack depth is implementation-defined; where the oracle itself exhausts its stack (20,000 frames) a runtime may exhaust, trap or run on (what lies beyond the oracle\'s limit is unknown; later invocations on that instance are not compared)',
  },
  resourceExhaustion: {
    id: 'resource-exhaustion',
    reason: 'appendix A.2 (implementation limits): the runtime exhausted its stack on an invocation of at least 100 calls, or a harness memory limit where the oracle held at least 256 MiB; compared exactly from there on against the oracle run whose instance is discarded at the same point',
  },
  trapAlias: {
    id: 'trap-alias',
    reason: "the runtime's message names both trap kinds, so its adapter cannot tell them apart (the wording rows beside each adapter's message table; adapters/kit/deviations.ts has the evidence)",
  },
  rejected: {
    id: 'rejected',
    reason: 'the runtime rejected the module without saying whether it was malformed or invalid (V8 reports both as CompileError)',
  },
  notExpressible: {
    id: 'not-expressible',
    reason: "the invocation cannot be expressed in the runtime's driver (a driver: not-run reason, the same for every runtime given the plan); later invocations on that instance are not compared",
  },
  unsupportedFeature: {
    id: 'unsupported-feature',
    reason: "the module uses a feature the runtime's probe says it lacks (adapters/features.ts): counted as unsupported whatever the runtime does with it",
  },
  unreproduced: {
    id: 'unreproduced',
    reason: 'the divergence did not happen again when the case was re-run (with three times the timeout for a timeout): a slow or flaky run, not a finding',
  },
  slowOracle: {
    id: 'slow-oracle',
    reason: 'the runtime timed out on an invocation the interpreter itself spent at least a second on (its own time, not the worker start-up): a timeout is only a finding when the oracle finished quickly',
  },
} as const satisfies Record<string, AllowedRule>;

/** The verdict classes the comparison works with: rejected stands for malformed or invalid. */
export function verdictClass(v: ModuleVerdict): string {
  if (v.kind === 'uninstantiable') return v.trap ? `uninstantiable:${v.trap}` : 'uninstantiable';
  return v.kind;
}

