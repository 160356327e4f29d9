// The one place where known, allowed divergences from the oracle are
// written down. A comparison (compare.ts) that meets one of these does not
// report a finding; it records the rule's id, so a report can say how often
// each was used. Every rule says why the spec (or a recorded runtime
// deviation) allows it.
import type { Allowed, TrapKind } from '../../reference-runtime/api.js';
import type { ModuleVerdict, ResultValue } from '../../adapters/plan.js';
import { showResult } from '../../adapters/values.js';

export interface AllowedRule {
  id: string;
  reason: string;
}

export const RULES = {
  nanPayload: {
    id: 'nan-payload',
    reason: 'spec 4.3.3 (NaN propagation): an operation producing a NaN may return any canonical NaN when all its NaN inputs are canonical, otherwise any arithmetic NaN; the oracle says which set applies and the value is in it',
  },
  nanDependent: {
    id: 'nan-dependent',
    reason: 'the result depends on a NaN payload the spec leaves open (reinterpretation, lane moves or stores of a chosen NaN), so any value of the type is allowed; later invocations on the same instance are not compared',
  },
  growChoice: {
    id: 'grow-choice',
    reason: 'spec 4.4.7 (memory.grow, table.grow): growing may fail for resource reasons even below the maximum, so the result and all later state may differ; later invocations on the same instance are not compared',
  },
  stackDepth: {
    id: 'stack-depth',
    reason: 'spec 4.4.10 / appendix A.2: the call stack depth is implementation-defined; where the oracle exhausts its stack a runtime may exhaust, trap, crash on its stack limit or (with tail-call optimisation) run on; later invocations are not compared',
  },
  resourceExhaustion: {
    id: 'resource-exhaustion',
    reason: 'appendix A.2 (implementation limits): a runtime may exhaust its stack or other resources earlier than the oracle; later invocations are not compared',
  },
  trapAlias: {
    id: 'trap-alias',
    reason: 'the runtime reports both trap kinds with one message, so its adapter cannot tell them apart (adapters/kit/deviations.ts has the evidence)',
  },
  unknownTrap: {
    id: 'unknown-trap',
    reason: "the runtime trapped where the oracle trapped, but the adapter could not classify the runtime's message",
  },
  rejected: {
    id: 'rejected',
    reason: 'the runtime rejected the module without saying whether it was malformed or invalid (V8 reports both as CompileError)',
  },
  decodeOrValidate: {
    id: 'decode-or-validate',
    reason: 'single-pass engines validate while decoding, so for a module that is both malformed and invalid the first error found may be of either class; both are a rejection',
  },
  notExpressible: {
    id: 'not-expressible',
    reason: "the invocation cannot be expressed in the runtime's driver (a driver: not-run reason)",
  },
  unsupportedFeature: {
    id: 'unsupported-feature',
    reason: "the runtime rejected a module that uses a feature its probe says it does not support (adapters/features.ts): a known limitation, not a divergence from the spec's semantics",
  },
  unreproduced: {
    id: 'unreproduced',
    reason: 'the divergence did not happen again when the case was re-run (with three times the timeout for a timeout): a slow or flaky run, not a finding',
  },
  slowOracle: {
    id: 'slow-oracle',
    reason: 'the runtime timed out on an invocation the oracle itself took long for: a timeout is only a finding when the oracle finished quickly',
  },
} as const satisfies Record<string, AllowedRule>;

/** Trap kinds each runtime reports with one message (adapters/kit/deviations.ts). */
const TRAP_ALIASES: Record<string, readonly (readonly [TrapKind, TrapKind])[]> = {
  v8: [
    // "float unrepresentable in integer range" for NaN and for out-of-range operands (adapters/trap-kinds.ts V8_MESSAGES)
    ['integer overflow', 'invalid conversion to integer'],
    ['undefined element', 'out of bounds table access'],
    ['uninitialized element', 'indirect call type mismatch'],
  ],
  wasmtime: [['undefined element', 'out of bounds table access']],
};
TRAP_ALIASES['v8-node22'] = TRAP_ALIASES.v8!;
TRAP_ALIASES['v8-node24'] = TRAP_ALIASES.v8!;

/** Whether `runtime`'s trap `actual` is an accepted report of the oracle's trap `expected`. */
export function trapAlias(runtime: string, expected: string, actual: string): boolean {
  return (TRAP_ALIASES[runtime] ?? []).some(([x, y]) => (expected === x && actual === y) || (expected === y && actual === x));
}

/** The verdict classes the comparison works with: rejected stands for malformed or invalid. */
export function verdictClass(v: ModuleVerdict): string {
  if (v.kind === 'uninstantiable') return v.trap ? `uninstantiable:${v.trap}` : 'uninstantiable';
  return v.kind;
}

/** The rule that accepts a runtime's verdict class for the oracle's, if any (equal classes need none). */
export function verdictRule(oracle: string, runtime: string): AllowedRule | undefined {
  const rejects = (c: string) => c === 'malformed' || c === 'invalid';
  if (runtime === 'rejected' && rejects(oracle)) return RULES.rejected;
  if (rejects(runtime) && rejects(oracle)) return RULES.decodeOrValidate;
  // the harness's memory or output limit stopped the runtime before it instantiated
  if (runtime === 'resource') return RULES.resourceExhaustion;
  return undefined;
}

/** Whether `actual` is in the set the oracle's `allowed` describes around its own result `oracle`. */
export function valueAllowed(oracle: ResultValue, allowed: Allowed | undefined, actual: ResultValue): boolean {
  if (oracle.type !== actual.type) return false;
  if (showResult(oracle) === showResult(actual)) return true;
  if (allowed === undefined || allowed.kind === 'exact') return false;
  if (actual.type === 'f32') {
    const mag = actual.bits & 0x7fffffff;
    return allowed.kind === 'nan:canonical' ? mag === 0x7fc00000 : mag > 0x7f800000 && (mag & 0x00400000) !== 0;
  }
  if (actual.type === 'f64') {
    const mag = actual.bits & 0x7fff_ffff_ffff_ffffn;
    return allowed.kind === 'nan:canonical' ? mag === 0x7ff8_0000_0000_0000n : mag > 0x7ff0_0000_0000_0000n && (mag & 0x0008_0000_0000_0000n) !== 0n;
  }
  return false;
}
