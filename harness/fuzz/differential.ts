// One differential case: the plan built from it (with the state digest
// appended when the module is meant to be valid), run on the oracle and on
// every runtime at once, and each runtime's outcome compared with the oracle's.
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { featuresUsed } from '../conformance/features.js';
import type { Invocation, Plan, RunOutcome } from '../../adapters/plan.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { compareRun, type Comparison } from '../compare/compare.js';
import { digestInvocation, withDigest } from './digest.js';
import type { Oracle, OracleOutcome } from './oracle.js';

export interface FuzzCase {
  /** the module as AST, when the bytes are its encoding (absent for mutated bytes) */
  module?: Module;
  bytes: Uint8Array;
  invocations: Invocation[];
  origin: string;
  /** for bytes that already end with the digest invocation (a stored finding): its index */
  digestAt?: number;
}

export interface CasePlan {
  plan: Plan;
  /** the plan index of the digest invocation, when there is one */
  digestAt?: number;
  /** the module the plan runs, as AST, when known (digest included) */
  module?: Module;
}

/** The plan for a case: a module with an AST gets the digest function and a final digest invocation (unless `digest` is false). */
export function casePlan(c: FuzzCase, digest = true): CasePlan {
  if (c.module !== undefined && !digest) return { plan: { module: encodeModule(c.module), invocations: c.invocations }, module: c.module };
  if (c.module === undefined) return { plan: { module: c.bytes, invocations: c.invocations }, ...(c.digestAt === undefined ? {} : { digestAt: c.digestAt }) };
  const module = withDigest(c.module);
  const invocations = [...c.invocations, digestInvocation()];
  return { plan: { module: encodeModule(module), invocations }, digestAt: c.invocations.length, module };
}

export interface CaseResult {
  casePlan: CasePlan;
  oracle: OracleOutcome;
  outcomes: RunOutcome[];
  comparisons: Comparison[];
}

export interface RunLimits {
  /** per process (and for the oracle) */
  timeoutMs: number;
  /** add the final-state digest to plans (default true) */
  digest?: boolean;
}

/** `features`: each runtime's probed features, so that rejecting an unsupported feature is not a divergence. */
export async function runCase(c: FuzzCase, oracle: Oracle, runtimes: readonly Adapter[], limits: RunLimits, features?: ReadonlyMap<string, FeatureSet>): Promise<CaseResult> {
  const cp = casePlan(c, limits.digest !== false);
  const [o, ...outcomes] = await Promise.all([oracle.run(cp.plan, limits.timeoutMs), ...runtimes.map((r) => r.run(cp.plan, { timeoutMs: limits.timeoutMs }))]);
  const used = features ? usedFeatures(cp) : [];
  const comparisons = outcomes.map((out) => {
    const has = features?.get(out!.adapter);
    const unsupported = has ? used.filter((f) => !has[f as keyof FeatureSet]) : [];
    return compareRun(o!, out as RunOutcome, { ...(cp.digestAt === undefined ? {} : { digestAt: cp.digestAt }), unsupported });
  });
  return { casePlan: cp, oracle: o as OracleOutcome, outcomes: outcomes as RunOutcome[], comparisons };
}

function usedFeatures(cp: CasePlan): string[] {
  try {
    return featuresUsed(cp.module ?? decodeModule(cp.plan.module));
  } catch {
    return []; // undecodable: every runtime must reject it anyway
  }
}
