// Compares a runtime's RunOutcome with the oracle's, observable by
// observable: the module verdict, then each invocation's values or trap, and
// the final state digest when the plan ends with one (harness/fuzz/digest.ts).
//
// Only what the spec leaves open is excused (allowed.ts), and only as far as
// it reaches:
//  - a NaN's payload and sign, and memory.grow / table.grow failing: the
//    oracle is run in its other legitimate worlds (variants.ts: other NaN
//    policies, every grow failing). A world is a set of oracle runs that
//    differ only in their NaN choices; a runtime's value is accepted by a
//    world when it equals the world's runs on every bit they agree on, a trap
//    when one of its runs trapped alike. Worlds that disagree with what the
//    runtime showed are dropped; when none is left, that is the divergence.
//    Every invocation is compared, the later ones and the digest included.
//  - stack and resource exhaustion, only past a bound: the runtime's stack
//    on an invocation of at least MIN_EXHAUSTION_CALLS calls, a harness
//    memory limit where the oracle held at least RESOURCE_BOUND_BYTES, and
//    anything where the oracle itself exhausted its stack. After an allowed
//    exhaustion the comparison asks (`needs`) for the oracle run whose
//    instance is discarded at the same point, and goes on against it.
//  - a timeout only where the interpreter itself spent QUICK_ORACLE_MS on
//    the invocation.
// A crash is always a finding. An unclassified trap where the oracle trapped
// is a note (the adapter's message table lacks a row), never a pass.
import type { InvocationOutcome, ResultValue, RunOutcome } from '../../adapters/plan.js';
import { trapAccepted } from '../../adapters/trap-aliases.js';
import { sameResults, sameValue, showResult } from '../../adapters/values.js';
import type { TrapKind } from '../../reference-runtime/errors.js';
import type { Divergence, FindingKind } from '../findings/contract.js';
import type { OracleOutcome } from '../../adapters/reference/reference.js';
import type { OracleNote } from '../../adapters/reference/reference-run.js';
import { isArithmeticNaN32, isArithmeticNaN64Bits, isCanonicalNaN32, isCanonicalNaN64Bits, isNaN32, isNaN64Bits } from '../../reference-runtime/exec/numerics/nan.js';
import { RULES, verdictClass, type AllowedRule } from './allowed.js';

export type { Divergence } from '../findings/contract.js';
export type DivergenceKind = FindingKind;

/** An invocation making fewer calls than this cannot exhaust the stack of any runtime wasmdiff drives: exhaustion there is a finding. */
export const MIN_EXHAUSTION_CALLS = 100;
/** A harness memory limit is excused only where the oracle's memories and tables held at least this much. */
export const RESOURCE_BOUND_BYTES = 256 << 20;
/** A runtime's timeout is a finding when the interpreter spent less than this on the invocation. */
export const QUICK_ORACLE_MS = 1000;

/** One legitimate world of the oracle: its runs differ only in their NaN choices (runs[0] the oracle's own). */
export interface OracleWorld {
  /** every memory.grow and table.grow failed */
  growFailing: boolean;
  /** invocations after which the instance was discarded, as after a runtime's allowed exhaustion */
  resets: number[];
  runs: OracleOutcome[];
}

export interface Allowance {
  rule: string;
  invocation?: number;
}

export interface Comparison {
  /** at most one: the first divergence (later ones may only follow from it) */
  divergences: Divergence[];
  /** differences that are reported but fail nothing (misclassified verdicts, unclassified traps) */
  notes: Divergence[];
  allowed: Allowance[];
  /** invocations not compared: the oracle could not say (it exhausted its stack, or timed out), or the driver could not express one */
  skipped: number;
  /** the oracle worlds to compare against again: with the instance discarded after this invocation */
  needs?: { resetAfter: number };
}

export interface CompareOptions {
  /** the plan index of the state-digest invocation, if the plan has one */
  digestAt?: number;
  /** features the module uses that the runtime's probe says it lacks: the comparison is skipped */
  unsupported?: readonly string[];
  quickOracleMs?: number;
}

export function compareRun(oracle: OracleOutcome | readonly OracleWorld[], actual: RunOutcome, options: CompareOptions = {}): Comparison {
  return judgeRun('run' in oracle ? [{ growFailing: false, resets: [], runs: [oracle] }] : [...oracle], actual, options).comparison;
}

/**
 * The comparison with some of the oracle's worlds (`some`: the first world,
 * with the oracle's own run first, and maybe some of its other runs), when it
 * is the whole answer: each outcome judged is accepted with the oracle's own
 * run kept first, by no rule but a NaN payload or a trap alias. Every world
 * (a superset of runs) then finds the same divergences and notes (none past
 * the verdict) and the same NaN-payload allowances: the own run stays first,
 * so each outcome is judged against it as before, and more runs only free
 * more bits. They could only judge an aliased trap exact, where one of their
 * runs trapped with the runtime's very kind. Undefined otherwise: only more
 * worlds can judge it.
 */
export function compareIfSettled(some: readonly OracleWorld[], actual: RunOutcome, options: CompareOptions = {}): Comparison | undefined {
  const { comparison, settled } = judgeRun(some, actual, options);
  return settled ? comparison : undefined;
}

/** compareRun, and whether every outcome judged was accepted with the first world's first run kept first, by no rule but a NaN payload or a trap alias. */
function judgeRun(worlds: readonly OracleWorld[], actual: RunOutcome, options: CompareOptions): { comparison: Comparison; settled: boolean } {
  let settled = true;
  const out: Comparison = { divergences: [], notes: [], allowed: [], skipped: 0 };
  const runtime = actual.adapter;
  const allow = (rule: AllowedRule, invocation?: number) => out.allowed.push(invocation === undefined ? { rule: rule.id } : { rule: rule.id, invocation });
  const diverge = (d: Omit<Divergence, 'runtime'>) => out.divergences.push({ runtime, ...d });
  const primary = worlds[0]!.runs[0]!;
  if ((options.unsupported?.length ?? 0) > 0) {
    allow(RULES.unsupportedFeature);
    return { comparison: out, settled };
  }

  if (!compareVerdicts(primary, actual, allow, diverge, (d) => out.notes.push({ runtime, ...d }), options)) return { comparison: out, settled };

  let alive: readonly OracleWorld[] = worlds;
  /** the oracle and the runtime may legitimately hold different state until both start afresh */
  let uncomparable = false;
  const n = primary.run.invocations.length;
  for (let i = 0; i < n; i++) {
    const w0 = alive[0]!;
    const o = w0.runs[0]!.run.invocations[i]!;
    const note = w0.runs[0]!.notes[i] ?? {};
    const a: InvocationOutcome = actual.invocations[i] ?? { kind: 'not-run', reason: 'no outcome' };
    const at = { invocation: i, expectedClass: outcomeClass(o), expected: showOutcome(o), actualClass: outcomeClass(a), actual: showOutcome(a) };
    if (a.kind === 'crash') {
      diverge({ kind: 'crash', ...at, message: a.message });
      break;
    }
    if (o.kind === 'not-run') continue;
    if (a.kind === 'not-run') {
      if (!a.reason.startsWith('driver:')) {
        out.skipped += n - i; // follows from an earlier outcome that ended the run, already judged
        break;
      }
      allow(RULES.notExpressible, i);
      uncomparable = true;
      continue;
    }
    if (uncomparable) {
      out.skipped++;
      if (resets(o) && resets(a)) uncomparable = false;
      continue;
    }
    if (a.kind === 'rejected') {
      diverge({ kind: 'rejects-valid', ...at, message: a.message });
      break;
    }
    if (o.kind === 'exhaustion') {
      // what the program does beyond the oracle's own depth limit is unknown
      if (a.kind !== 'exhaustion') allow(RULES.stackDepth, i);
      if (a.kind === 'timeout' || a.kind === 'resource') break;
      if (a.kind === 'values') uncomparable = true;
      continue;
    }
    if (o.kind === 'timeout' || o.kind === 'crash' || o.kind === 'resource') {
      out.skipped += n - i; // the oracle did not finish: nothing to compare against
      break;
    }
    if (a.kind === 'timeout') {
      if ((note.ms ?? 0) >= (options.quickOracleMs ?? QUICK_ORACLE_MS)) allow(RULES.slowOracle, i);
      else diverge({ kind: 'timeout', ...at });
      break;
    }
    if (a.kind === 'resource') {
      if ((note.footprint ?? 0) >= RESOURCE_BOUND_BYTES) allow(RULES.resourceExhaustion, i);
      else diverge({ kind: 'exhaustion', ...at, message: a.message });
      break;
    }
    if (a.kind === 'exhaustion') {
      if ((note.calls ?? 0) < MIN_EXHAUSTION_CALLS) {
        diverge({ kind: 'exhaustion', ...at, message: a.message });
        break;
      }
      allow(RULES.resourceExhaustion, i);
      if (o.kind === 'trap') continue; // both start afresh
      if (alive.every((w) => w.resets.includes(i))) continue;
      out.needs = { resetAfter: i };
      return { comparison: out, settled };
    }
    // values or a trap, judged by the worlds still alive
    const judged = alive.map((w) => judgeInWorld(w, i, a, i === options.digestAt));
    const accepted = judged.flatMap((j, k) => (j === undefined ? [] : [{ world: { ...alive[k]!, runs: j.runs }, rules: j.rules }]));
    const kept = accepted[0]?.world.runs[0] === primary && accepted[0].rules.every((r) => r === RULES.nanPayload || r === RULES.trapAlias);
    if (!kept) settled = false;
    if (accepted.length === 0) {
      if (a.kind === 'trap' && a.trap === 'unknown' && o.kind === 'trap') {
        out.notes.push({ runtime, kind: 'unclassified-trap', ...at, message: a.message });
        continue; // both start afresh
      }
      diverge({ kind: divergenceKind(o, a, i === options.digestAt), ...at, ...nanRuleOf(o, note, a), ...(a.kind === 'trap' ? { message: a.message } : {}) });
      break;
    }
    if (accepted.every((x) => x.world.growFailing)) allow(RULES.growChoice, i);
    const rules = new Set(accepted[0]!.rules);
    for (const r of rules) allow(r, i);
    alive = accepted.map((x) => x.world);
  }
  return { comparison: out, settled };
}

/** Compares the verdicts; true when both instantiated (the invocations are compared next). */
function compareVerdicts(
  primary: OracleOutcome,
  actual: RunOutcome,
  allow: (rule: AllowedRule) => void,
  diverge: (d: Omit<Divergence, 'runtime'>) => void,
  note: (d: Omit<Divergence, 'runtime'>) => void,
  options: CompareOptions,
): boolean {
  const ov = verdictClass(primary.run.verdict);
  const av = verdictClass(actual.verdict);
  if (ov === av) return ov === 'ok';
  const message = 'message' in actual.verdict ? actual.verdict.message : undefined;
  const rule = 'message' in primary.run.verdict ? firstLine(primary.run.verdict.message) : undefined;
  const d = {
    expectedClass: ov,
    actualClass: av,
    expected: rule ? `${ov}: ${rule}` : ov,
    actual: message ? `${av}: ${firstLine(message)}` : av,
    ...(message ? { message: firstLine(message) } : {}),
    ...(rule ? { rule } : {}),
  };
  const rejects = (c: string) => c === 'malformed' || c === 'invalid';
  if (av === 'rejected' && rejects(ov)) {
    allow(RULES.rejected);
    return false;
  }
  if (rejects(av) && rejects(ov)) {
    note({ kind: 'misclassified', ...d });
    return false;
  }
  if (av === 'crash') diverge({ kind: 'crash', ...d });
  else if (av === 'timeout') {
    const oracleMs = primary.notes.reduce((t, x) => t + (x.ms ?? 0), 0);
    if (ov === 'ok' && oracleMs < (options.quickOracleMs ?? QUICK_ORACLE_MS)) diverge({ kind: 'timeout', ...d });
    else allow(RULES.slowOracle);
  } else if (av === 'resource') {
    const footprint = Math.max(0, ...primary.notes.map((x) => x.footprint ?? 0));
    if (footprint >= RESOURCE_BOUND_BYTES) allow(RULES.resourceExhaustion);
    else diverge({ kind: 'exhaustion', ...d });
  } else if (ov === 'ok') diverge({ kind: 'rejects-valid', ...d });
  else if (av === 'ok') diverge({ kind: ov.startsWith('uninstantiable:') ? 'missing-trap' : 'accepts-invalid', ...d });
  else if (ov.startsWith('uninstantiable:') && av.startsWith('uninstantiable:')) {
    const want = ov.slice(15) as TrapKind;
    const got = av.slice(15) as TrapKind;
    if (trapAccepted(want, got, message ?? '')) allow(RULES.trapAlias);
    else diverge({ kind: 'wrong-trap', ...d });
  } else diverge({ kind: 'verdict', ...d }); // rejected, but at another stage (unlinkable for uninstantiable, ...)
  return false;
}

/** The runs of world `w` consistent with the runtime's outcome `a` at invocation i (undefined: the world does not allow it), and the rules that allowed it. */
function judgeInWorld(w: OracleWorld, i: number, a: InvocationOutcome, isDigest: boolean): { runs: OracleOutcome[]; rules: AllowedRule[] } | undefined {
  const outs = w.runs.map((r) => r.run.invocations[i]);
  if (a.kind === 'trap') {
    if (a.trap === 'unknown') return undefined;
    const runs = w.runs.filter((_, k) => {
      const o = outs[k];
      return o?.kind === 'trap' && o.trap !== 'unknown' && trapAccepted(o.trap, a.trap as TrapKind, a.message);
    });
    if (runs.length === 0) return undefined;
    const exact = runs.some((r) => {
      const o = r.run.invocations[i];
      return o?.kind === 'trap' && o.trap === a.trap;
    });
    return { runs, rules: exact ? [] : [RULES.trapAlias] };
  }
  if (a.kind === 'exception') {
    // an uncaught exception is its own outcome: the runs in which one escaped too (what it carries is not observable)
    const runs = w.runs.filter((_, k) => outs[k]?.kind === 'exception');
    return runs.length === 0 ? undefined : { runs, rules: [] };
  }
  if (a.kind !== 'values') return undefined;
  const valueRuns = w.runs.filter((_, k) => outs[k]?.kind === 'values' && sameTypes((outs[k] as { values: ResultValue[] }).values, a.values));
  if (valueRuns.length === 0) return undefined;
  const values = valueRuns.map((r) => (r.run.invocations[i] as { values: ResultValue[] }).values);
  if (isDigest) {
    // a hash: equal to one world's, or not comparable at all when the worlds' NaNs made the states differ
    const equal = valueRuns.filter((_, k) => sameResults(values[k]!, a.values));
    if (equal.length > 0) return { runs: equal, rules: [] };
    return values.some((v) => !sameResults(v, values[0]!)) ? { runs: valueRuns, rules: [RULES.nanDependentState] } : undefined;
  }
  if (!agreesWhereWorldsAgree(values[0]!, values, a.values)) {
    // relaxed SIMD: the result vector of one of the spec's relaxed profiles (in any NaN world), up to the
    // bits the NaN worlds' own results disagree on: a NaN lane's sign and payload, never an integer bit
    const alternatives = valueRuns.flatMap((r) => r.notes[i]?.alternatives ?? []);
    const chosen = alternatives.find((alt) => agreesWhereWorldsAgree(alt, values, a.values));
    return chosen === undefined ? undefined : { runs: valueRuns, rules: [RULES.relaxedChoice] };
  }
  const differs = values.some((vs) => !sameResults(vs, a.values));
  return { runs: valueRuns, rules: differs && !sameResults(values[0]!, a.values) ? [RULES.nanPayload] : [] };
}

/**
 * Whether `mine` equals `base` on every bit that the NaN-policy worlds' results (`worlds`) all agree on:
 * integers exactly, NaN signs and payloads loosely.
 */
function agreesWhereWorldsAgree(base: readonly ResultValue[], worlds: readonly (readonly ResultValue[])[], mine: readonly ResultValue[]): boolean {
  const b = base.map(bitsOf);
  const m = mine.map(bitsOf);
  const w = worlds.map((vs) => vs.map(bitsOf));
  for (let v = 0; v < m.length; v++) {
    for (let k = 0; k < b[v]!.length; k++) {
      let agreed = 0xff;
      for (const x of w) agreed &= ~(x[v]![k]! ^ w[0]![v]![k]!);
      if (((m[v]![k]! ^ b[v]![k]!) & agreed) !== 0) return false;
    }
  }
  return true;
}

function divergenceKind(o: InvocationOutcome, a: InvocationOutcome, isDigest: boolean): FindingKind {
  if (o.kind === 'trap') return a.kind === 'values' ? 'missing-trap' : 'wrong-trap';
  if (a.kind === 'trap') return 'unexpected-trap';
  return isDigest ? 'wrong-state' : 'wrong-result';
}

/**
 * The NaN rule a wrong result breaks, if that is what is wrong: a scalar
 * float outside the oracle's NaN set (exec/invoke.ts `allowed`); or, where
 * the oracle chose a NaN in the call, a vector that differs from the oracle's
 * only in NaN lanes (read as f32x4 or as f64x2) and has one outside its
 * lane's set, so that a vector instruction's NaN bug is the cause its scalar
 * twin is (culprit.ts names both by the kind of operation).
 */
function nanRuleOf(o: InvocationOutcome, note: OracleNote, a: InvocationOutcome): Pick<Divergence, 'nanRule'> {
  if (o.kind !== 'values' || a.kind !== 'values') return {};
  for (let k = 0; k < o.values.length; k++) {
    const rule = note.allowed?.[k]?.kind;
    if ((rule === 'nan:canonical' || rule === 'nan:arithmetic') && !sameValue(o.values[k]!, a.values[k]!)) return { nanRule: rule };
    const e = o.values[k]!;
    const g = a.values[k];
    const lanes = e.type === 'v128' && g?.type === 'v128' && note.reasons?.includes('nan') ? vectorNanRule(e.bytes, g.bytes) : undefined;
    if (lanes !== undefined) return { nanRule: lanes };
  }
  return {};
}

/** For two vectors that differ only where both hold NaNs, as f32x4 or as f64x2: the rule of a lane the runtime's NaN breaks. */
function vectorNanRule(expected: Uint8Array, actual: Uint8Array): NanRule | undefined {
  const e = new DataView(expected.buffer, expected.byteOffset, 16);
  const g = new DataView(actual.buffer, actual.byteOffset, 16);
  const f32 = { step: 4, read: (v: DataView, at: number) => v.getUint32(at, true), nan: isNaN32, arithmetic: isArithmeticNaN32, canonical: isCanonicalNaN32 };
  const f64 = { step: 8, read: (v: DataView, at: number) => v.getBigUint64(at, true), nan: isNaN64Bits, arithmetic: isArithmeticNaN64Bits, canonical: isCanonicalNaN64Bits };
  return laneNanRule(e, g, f32) ?? laneNanRule(e, g, f64);
}

type NanRule = 'nan:arithmetic' | 'nan:canonical';

/** One lane view of vectorNanRule: a NaN lane with its quiet bit clear breaks the arithmetic rule; a payload where the oracle's lane is canonical, the canonical one. */
function laneNanRule<T>(e: DataView, g: DataView, lanes: { step: number; read: (v: DataView, at: number) => T; nan: (x: T) => boolean; arithmetic: (x: T) => boolean; canonical: (x: T) => boolean }): NanRule | undefined {
  let rule: NanRule | undefined;
  for (let at = 0; at < 16; at += lanes.step) {
    const x = lanes.read(e, at);
    const y = lanes.read(g, at);
    if (x === y) continue;
    if (!lanes.nan(x) || !lanes.nan(y)) return undefined;
    if (!lanes.arithmetic(y)) rule = 'nan:arithmetic';
    else if (lanes.canonical(x) && !lanes.canonical(y)) rule ??= 'nan:canonical';
  }
  return rule;
}

function resets(o: InvocationOutcome): boolean {
  return o.kind === 'trap' || o.kind === 'exhaustion' || o.kind === 'exception';
}

function sameTypes(a: readonly ResultValue[], b: readonly ResultValue[]): boolean {
  return a.length === b.length && a.every((v, k) => v.type === b[k]!.type);
}

/** A value's observable bits as bytes: numbers little-endian, a reference as its null-ness, an anyref as its projection. */
function bitsOf(v: ResultValue): Uint8Array {
  switch (v.type) {
    case 'i32':
    case 'f32': {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, v.bits >>> 0, true);
      return b;
    }
    case 'i64':
    case 'f64': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v.bits), true);
      return b;
    }
    case 'v128':
      return v.bytes;
    default: {
      if (!('gc' in v) || v.gc === undefined) return Uint8Array.of('null' in v && v.null ? 1 : 0);
      // an anyref: its projection (kind, test, digest)
      const b = new Uint8Array(10);
      b[0] = v.gc.kind;
      b[1] = v.gc.test ? 1 : 0;
      new DataView(b.buffer).setBigUint64(2, v.gc.digest, true);
      return b;
    }
  }
}

/** What a signature keeps of an outcome: its class, not exact values. */
export function outcomeClass(o: InvocationOutcome): string {
  switch (o.kind) {
    case 'values':
      return `values(${o.values.map((v) => v.type).join(' ')})`;
    case 'trap':
      return `trap:${o.trap}`;
    default:
      return o.kind;
  }
}

export function showOutcome(o: InvocationOutcome): string {
  switch (o.kind) {
    case 'values':
      return o.values.map(showResult).join(' ') || '(no values)';
    case 'trap':
      return `trap ${o.trap}`;
    case 'not-run':
      return `not run: ${o.reason}`;
    case 'crash':
      return `crash: ${firstLine(o.message)}`;
    case 'rejected':
      return `rejected when called: ${firstLine(o.message)}`;
    case 'exhaustion':
      return 'call stack exhausted';
    case 'exception':
      return 'uncaught exception';
    default:
      return o.kind;
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
