// One differential case: the plan built from it (with the state digest
// appended when the module is meant to be valid), run on the oracle and on
// every runtime at once, and each runtime's outcome compared with the oracle's.
// Where the oracle made a choice the spec leaves open (a NaN, a grow) and a
// runtime's outcome differs from the oracle's own, it is run again in its
// other worlds (compare/variants.ts), as many as it takes, so that the
// comparison accepts exactly what the spec allows; where a runtime's allowed
// exhaustion discards its instance, the oracle runs with its instance
// discarded there too. A runtime that lacks a feature the module uses (as probed) is not run:
// the case is unsupported on it, whatever it would do.
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { featuresUsed } from '../conformance/features.js';
import type { Invocation, Plan, RunOutcome } from '../../adapters/plan.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { compareIfSettled, compareRun, type Comparison, type CompareOptions, type OracleWorld } from '../compare/compare.js';
import { withGrowFailing, withNanPolicy } from '../compare/variants.js';
import { digestInvocation, withDigest } from '../../adapters/digest.js';
import type { OracleOutcome, ReferenceAdapter } from '../../adapters/reference/reference.js';

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
  /** per runtime compared (the ones lacking a feature the case uses are left out) */
  outcomes: RunOutcome[];
  comparisons: Comparison[];
  /** runtimes not run on the case: they lack a feature it uses (as probed) */
  unsupported: { runtime: string; features: string[] }[];
  /** milliseconds running the case (the oracle and every runtime at once) and comparing (the oracle's other worlds included) */
  ms: { run: number; compare: number };
}

export interface RunLimits {
  /** per process (and for the oracle) */
  timeoutMs: number;
  /** add the final-state digest to plans (default true) */
  digest?: boolean;
}

/** `features`: each runtime's probed features, so that rejecting an unsupported feature is not a divergence. */
export async function runCase(c: FuzzCase, oracle: ReferenceAdapter, runtimes: readonly Adapter[], limits: RunLimits, features?: ReadonlyMap<string, FeatureSet>): Promise<CaseResult> {
  return (await runCases([c], oracle, runtimes, limits, features))[0]!;
}

/**
 * Several cases at once: the oracle runs them one after another while each
 * runtime gets all it can run in one call (Adapter.runMany: many modules in
 * a process where the runtime allows), then each case is compared on its own.
 * A case's outcomes are what runCase alone would give it.
 */
export async function runCases(cs: readonly FuzzCase[], oracle: ReferenceAdapter, runtimes: readonly Adapter[], limits: RunLimits, features?: ReadonlyMap<string, FeatureSet>): Promise<CaseResult[]> {
  const cps = cs.map((c) => casePlan(c, limits.digest !== false));
  const aside = cps.map((cp) => unsupportedOn(cp, runtimes, features));
  const able = runtimes.map((r) => cps.flatMap((_, i) => (aside[i]!.some((u) => u.runtime === r.id) ? [] : [i])));
  const timeout = { timeoutMs: limits.timeoutMs };
  const t0 = performance.now();
  const [oracleRuns, runtimeRuns] = await Promise.all([
    sequentially(cps, (cp) => oracle.observe(cp.plan, limits.timeoutMs)),
    Promise.all(runtimes.map((r, k) => (r.runMany ? r.runMany(able[k]!.map((i) => cps[i]!.plan), timeout) : sequentially(able[k]!, (i) => r.run(cps[i]!.plan, timeout))))),
  ]);
  const runMs = (performance.now() - t0) / cs.length;
  const results: CaseResult[] = [];
  for (const [i, cp] of cps.entries()) {
    const t1 = performance.now();
    const outcomes = runtimes.flatMap((_, k) => {
      const at = able[k]!.indexOf(i);
      return at < 0 ? [] : [runtimeRuns[k]![at]!];
    });
    const unsupported = aside[i]!;
    const comparisons = await compareCase(cp, oracleRuns[i]!, outcomes, oracle, limits.timeoutMs);
    results.push({ casePlan: cp, oracle: oracleRuns[i]!, outcomes, comparisons, unsupported, ms: { run: runMs, compare: performance.now() - t1 } });
  }
  return results;
}

/** The runtimes a case is set aside on, each with the features it uses that the runtime lacks (as probed; no probe: none lacking). */
export function unsupportedOn(cp: CasePlan, runtimes: readonly Pick<Adapter, 'id'>[], features?: ReadonlyMap<string, FeatureSet>): CaseResult['unsupported'] {
  const used = features ? usedFeatures(cp) : [];
  return runtimes.flatMap((r) => {
    const has = features?.get(r.id);
    const lacking = has ? used.filter((f) => !has[f as keyof FeatureSet]) : [];
    return lacking.length > 0 ? [{ runtime: r.id, features: lacking }] : [];
  });
}

async function sequentially<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await work(item));
  return out;
}

/** Each runtime's outcome against the oracle's worlds for the case. */
async function compareCase(cp: CasePlan, o: OracleOutcome, outcomes: readonly RunOutcome[], oracle: ReferenceAdapter, timeoutMs: number): Promise<Comparison[]> {
  const worlds = new OracleWorlds(cp, o, oracle, timeoutMs);
  const options = cp.digestAt === undefined ? {} : { digestAt: cp.digestAt };
  const comparisons: Comparison[] = [];
  for (const out of outcomes) {
    let resets: number[] = [];
    let cmp = await worlds.compare(resets, out, options);
    // an allowed exhaustion discarded the runtime's instance: compare against the oracle whose instance is discarded there too
    while (cmp.needs !== undefined && !resets.includes(cmp.needs.resetAfter)) {
      resets = [...resets, cmp.needs.resetAfter];
      cmp = await worlds.compare(resets, out, options);
    }
    comparisons.push(cmp);
  }
  return comparisons;
}

/**
 * The oracle's legitimate worlds for a plan, run on demand and kept: its own
 * run, and when it chose a NaN or grew, the runs under the other NaN
 * policies and with every grow failing; each with the instance discarded
 * after the given invocations. The other worlds are run only as far as an
 * outcome needs them: one equal to the oracle's own run bit for bit is
 * judged alike in every world.
 */
class OracleWorlds {
  private readonly cache = new Map<string, Promise<OracleOutcome>>();

  constructor(
    private readonly cp: CasePlan,
    private readonly primary: OracleOutcome,
    private readonly oracle: ReferenceAdapter,
    private readonly timeoutMs: number,
  ) {}

  /**
   * `out` compared with the worlds whose instance is discarded after `resets`:
   * first with the oracle's own run alone, then with the canonical NaN policy's
   * beside it (the runtimes' usual other choice), and with every world only
   * when those do not settle it (compare.ts compareIfSettled).
   */
  async compare(resets: number[], out: RunOutcome, options: CompareOptions): Promise<Comparison> {
    const own = await this.run(false, 'oracle', resets);
    const alone = compareIfSettled([{ growFailing: false, resets, runs: [own] }], out, options);
    if (alone !== undefined) return alone;
    if (this.nan()) {
      const canonical = await this.run(false, 'canonical', resets);
      const beside = compareIfSettled([{ growFailing: false, resets, runs: [own, canonical] }], out, options);
      if (beside !== undefined) return beside;
    }
    return compareRun(await this.get(resets), out, options);
  }

  private async get(resets: number[]): Promise<OracleWorld[]> {
    const grow = (this.primary.choices?.grow ?? false) && caseModule(this.cp) !== undefined;
    const policies = this.nan() ? (['oracle', 'ones', 'canonical'] as const) : (['oracle'] as const);
    const worlds: OracleWorld[] = [];
    for (const growFailing of grow ? [false, true] : [false]) {
      // each run on a worker of its own (the adapter's lanes), at once
      worlds.push({ growFailing, resets, runs: await Promise.all(policies.map((p) => this.run(growFailing, p, resets))) });
    }
    return worlds;
  }

  /** whether the plan chose a NaN, with a module to run under the other policies */
  private nan(): boolean {
    return (this.primary.choices?.nan ?? false) && caseModule(this.cp) !== undefined;
  }


  private run(growFailing: boolean, policy: 'oracle' | 'ones' | 'canonical', resets: number[]): Promise<OracleOutcome> {
    if (!growFailing && policy === 'oracle' && resets.length === 0) return Promise.resolve(this.primary);
    const key = `${growFailing}/${policy}/${resets.join(',')}`;
    let known = this.cache.get(key);
    if (known === undefined) {
      let m = caseModule(this.cp)!;
      if (growFailing) m = withGrowFailing(m);
      if (policy !== 'oracle') m = withNanPolicy(m, policy);
      const bytes = growFailing || policy !== 'oracle' ? encodeModule(m) : this.cp.plan.module;
      known = this.oracle.observe({ module: bytes, invocations: this.cp.plan.invocations }, this.timeoutMs, { resetAfter: resets });
      this.cache.set(key, known);
    }
    return known;
  }
}

/** The features the case's module needs (undecodable: none, every runtime must reject it anyway). */
function usedFeatures(cp: CasePlan): string[] {
  const m = caseModule(cp);
  return m === undefined ? [] : featuresUsed(m);
}

const decodedCases = new WeakMap<CasePlan, Module | null>();

/** The case's module as AST: its own, or its bytes decoded once (a mutant); undefined when they do not decode. */
function caseModule(cp: CasePlan): Module | undefined {
  if (cp.module !== undefined) return cp.module;
  let m = decodedCases.get(cp);
  if (m === undefined) {
    try {
      m = decodeModule(cp.plan.module);
    } catch {
      m = null;
    }
    decodedCases.set(cp, m);
  }
  return m ?? undefined;
}
