// From a divergence to a stored finding: minimise the case while the SAME
// divergence holds (same runtime, kind, and expected and actual outcome
// classes; every candidate runs under the timeout), find which of the
// runtimes that diverged on the case still diverge that way on the minimal
// module, sign it (kind, those runtimes, the minimal module's opcodes, the
// outcome classes), and upsert it in the store: a repeat is one finding
// seen once more.
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { printModule } from '../../reference-runtime/text/print-module.js';
import { causeOf, causeSignature, describeCause } from '../findings/cause.js';
import { familyOf } from '../findings/family.js';
import { reproRecipe, shellLine, storeInvocations } from '../conformance/repro.js';
import { minimize } from '../minimize/minimize.js';
import { instructionCount, signatureOpcodes } from '../minimize/size.js';
import type { NewFinding, Store } from '../store/store.js';
import type { Divergence } from '../compare/compare.js';
import { casePlan, runCase, type FuzzCase, type RunLimits } from './differential.js';
import type { ReferenceAdapter } from '../../adapters/reference/reference.js';
import type { Module } from '../../reference-runtime/syntax/module.js';

export interface TriageContext {
  oracle: ReferenceAdapter;
  /** by adapter id */
  runtimes: ReadonlyMap<string, Adapter>;
  /** adapter id -> version */
  versions: Record<string, string>;
  limits: RunLimits;
  minimize: { maxTests: number; timeBudgetMs: number };
  features?: ReadonlyMap<string, FeatureSet>;
}

export interface Triaged {
  finding: NewFinding;
  /** instructions in the minimal module's function bodies (digest excluded) */
  instructions: number;
  /** predicate calls the minimiser made */
  tests: number;
}

/** The same divergence: what the minimiser's predicate and the re-check hold on to. */
export function sameDivergence(a: Divergence, b: Divergence): boolean {
  return a.runtime === b.runtime && a.kind === b.kind && a.expectedClass === b.expectedClass && a.actualClass === b.actualClass;
}

/** Whether running `c` on `runtimes` shows `d` (a divergence or a note) on d's runtime. */
export async function reproduces(c: FuzzCase, d: Divergence, ctx: Pick<TriageContext, 'oracle' | 'limits' | 'features'>, runtime: Adapter): Promise<Divergence | undefined> {
  const r = await runCase(c, ctx.oracle, [runtime], ctx.limits, ctx.features);
  const cmp = r.comparisons[0];
  return cmp === undefined ? undefined : [...cmp.divergences, ...cmp.notes].find((x) => sameDivergence(x, { ...d, runtime: runtime.id }));
}

/**
 * Whether `c` now passes on `runtime`: it ran (the runtime supports what it
 * uses) and compared with no divergence at all. A re-run that crashes, hangs
 * or diverges another way is not a fix.
 */
export async function passes(c: FuzzCase, ctx: Pick<TriageContext, 'oracle' | 'limits' | 'features'>, runtime: Adapter): Promise<boolean> {
  const r = await runCase(c, ctx.oracle, [runtime], ctx.limits, ctx.features);
  const cmp = r.comparisons[0];
  return cmp !== undefined && cmp.divergences.length === 0 && r.unsupported.length === 0;
}

/**
 * Minimises `c` for divergence `d` (shown by the runtimes `diverging`, d's
 * first) and builds the finding. Cases without an AST (malformed bytes) are
 * minimised only when their bytes decode; otherwise they are stored as given.
 * Undefined when the divergence does not happen again (a timeout is re-run
 * with three times the timeout): slow or flaky, not a finding.
 */
export async function triage(c: FuzzCase, d: Divergence, diverging: readonly Divergence[], context: TriageContext): Promise<Triaged | undefined> {
  const ctx = d.kind === 'timeout' ? { ...context, limits: { ...context.limits, timeoutMs: context.limits.timeoutMs * 3 }, minimize: { maxTests: 30, timeBudgetMs: context.minimize.timeBudgetMs } } : context;
  const runtime = ctx.runtimes.get(d.runtime)!;
  if (!(await reproduces(c, d, ctx, runtime))) return undefined;
  const start = minimisable(c);
  let best: FuzzCase = c;
  let tests = 0;
  if (start !== undefined && (start === c || (await reproduces(start, d, ctx, runtime)))) {
    const result = await minimize(
      { module: start.module!, invocations: start.invocations },
      async (cand) => (await reproduces(asCase(cand, start), d, ctx, runtime)) !== undefined,
      ctx.minimize,
    );
    best = asCase(result, start);
    tests = result.tests;
  }
  // which of the same family's runtimes that diverged this way still do on the minimal case
  const runtimes = [d.runtime];
  for (const other of diverging) {
    if (other.runtime === d.runtime || familyOf(other.runtime) !== familyOf(d.runtime) || !sameDivergence({ ...other, runtime: d.runtime }, d)) continue;
    if (await reproduces(best, d, ctx, ctx.runtimes.get(other.runtime)!)) runtimes.push(other.runtime);
  }
  runtimes.sort();
  // the divergence as the minimal case shows it: its invocation index is the minimal plan's
  const final = best === c ? d : ((await reproduces(best, d, ctx, runtime)) ?? d);
  return { finding: await buildFinding(best, final, runtimes, ctx), instructions: best.module ? instructionCount(best.module) : -1, tests };
}

/** The case as AST + its encoding: the original when it has one, else its bytes decoded (an invalid module decodes). */
function minimisable(c: FuzzCase): FuzzCase | undefined {
  if (c.module !== undefined) return c;
  try {
    const module = decodeModule(c.bytes);
    return { ...c, module, bytes: c.bytes };
  } catch {
    return undefined;
  }
}

function asCase(m: { module: Module; invocations: FuzzCase['invocations'] }, from: FuzzCase): FuzzCase {
  return { module: m.module, bytes: from.bytes, invocations: m.invocations, origin: from.origin };
}

async function buildFinding(c: FuzzCase, d: Divergence, runtimes: string[], ctx: TriageContext): Promise<NewFinding> {
  const cp = casePlan(c, ctx.limits.digest !== false);
  const shown = cp.module ?? c.module;
  const opcodes = c.module ? signatureOpcodes(c.module) : ['(undecodable)'];
  // a wrong final state: what wrote it is the invocation before the digest, not the digest
  const at = d.kind === 'wrong-state' && d.invocation !== undefined && d.invocation > 0 ? d.invocation - 1 : d.invocation;
  const invocation = at === undefined ? undefined : cp.plan.invocations[at];
  const cause = causeOf({ divergence: d, ...(shown ? { module: shown } : {}), ...(invocation ? { invocation } : {}), ...(d.rule !== undefined ? { rule: d.rule } : {}) });
  const repro: Record<string, string> = {};
  for (const id of runtimes) {
    const recipe = await reproRecipe(ctx.runtimes.get(id)!, cp.plan.invocations.length > 0 ? 'driver' : 'module');
    if (recipe) repro[id] = shellLine(recipe.argv);
  }
  const versions = Object.fromEntries(runtimes.map((id) => [id, ctx.versions[id] ?? 'unknown']));
  const where = d.invocation === undefined ? 'module verdict' : `invocation ${d.invocation}`;
  return {
    signature: causeSignature(cause),
    cause,
    sighting: { runtime: d.runtime, version: ctx.versions[d.runtime] ?? 'unknown', source: 'fuzz', origin: c.origin },
    kind: d.kind,
    summary: `${describeCause(cause, runtimes)}: e.g. ${where}: expected ${d.expected}, got ${d.actual}`.slice(0, 240),
    runtimes,
    moduleBytes: cp.plan.module,
    ...(shown ? { wat: printModule(shown) } : {}),
    details: {
      source: 'fuzz',
      origin: c.origin,
      at: where,
      expected: d.expected,
      oracle: d.expected,
      actual: Object.fromEntries(runtimes.map((id) => [id, d.actual])),
      classes: { expected: d.expectedClass, actual: d.actualClass },
      opcodes,
      invocations: storeInvocations(cp.plan.invocations),
      digest: cp.digestAt !== undefined,
      versions,
      ...(d.message ? { message: d.message } : {}),
    },
    repro,
    versions,
  };
}
