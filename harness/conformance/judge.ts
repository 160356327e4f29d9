// Judges one outcome against one script assertion: passed, failed (with the
// kind of divergence and the expected and actual outcome classes that a
// finding's signature is made of), or unsupported (with the reason). Values
// are matched with the script runner's own rules (NaN patterns per scalar and
// per lane: reference-runtime/script/expect.ts); a runtime that cannot tell a
// malformed from an invalid module (`rejected`) passes either assertion.
import type { TrapKind } from '../../reference-runtime/errors.js';
import { trapAccepted } from '../../adapters/trap-aliases.js';
import type { FindingKind } from '../findings/contract.js';
import { matches, showExpected } from '../../reference-runtime/script/expect.js';
import type { RefKindPattern, WastExpected } from '../../reference-runtime/syntax/script.js';
import { heapOf, type RefType } from '../../reference-runtime/syntax/types.js';
import { topOf } from '../../reference-runtime/types/subtype.js';
import { GC_KIND } from '../../adapters/driver/ref-projection.js';
import { toValue } from '../../adapters/reference/reference-run.js';
import type { InvocationOutcome, ModuleVerdict, NumValue, RawOutput, ResultValue } from '../../adapters/plan.js';
import { classifyMessage, isTrapKind, SPEC_WORDING } from '../../adapters/trap-kinds.js';
import { showResult } from '../../adapters/values.js';
import type { Expectation } from './translate.js';

export type { FindingKind } from '../findings/contract.js';

export type Judgement =
  | { status: 'passed' }
  | { status: 'unsupported'; reason: string }
  | {
      status: 'failed';
      /** Absent when the failure only follows from an earlier one (not run after a crash, module rejected). */
      kind?: FindingKind;
      expectedClass: string;
      actualClass: string;
      expected: string;
      actual: string;
      raw?: RawOutput;
      /** the runtime's own message (a rejection, a trap) */
      message?: string;
      /** a NaN outside the set the script's pattern allows: that pattern */
      nanRule?: 'nan:canonical' | 'nan:arithmetic';
    };

/** The trap kind an assertion's message names (`undefined` when the taxonomy has no word for it). */
export function expectedTrap(message: string): TrapKind | undefined {
  const c = classifyMessage(SPEC_WORDING, message);
  return isTrapKind(c) ? c : undefined;
}

export function judgeModule(expect: Expectation, verdict: ModuleVerdict): Judgement {
  const actualClass = verdictClass(verdict);
  const actual = verdict.kind === 'ok' ? 'ok' : `${verdict.kind}: ${firstLine(verdict.message)}`;
  const raw = 'raw' in verdict ? verdict.raw : undefined;
  const message = verdict.kind === 'ok' ? undefined : firstLine(verdict.message);
  if (expect.kind !== 'verdict') {
    if (verdict.kind === 'ok') return { status: 'passed' };
    return failed(processKind(verdict.kind) ?? 'rejects-valid', 'ok', actualClass, 'module instantiates', actual, raw, message);
  }
  const want = expect.verdict;
  const accepted = verdict.kind === want || (verdict.kind === 'rejected' && (want === 'malformed' || want === 'invalid'));
  if (accepted) return { status: 'passed' };
  const swapped = (want === 'malformed' && verdict.kind === 'invalid') || (want === 'invalid' && verdict.kind === 'malformed');
  const kind: FindingKind =
    processKind(verdict.kind) ?? (swapped ? 'misclassified' : verdict.kind === 'ok' ? (want === 'uninstantiable' ? 'missing-trap' : 'accepts-invalid') : 'verdict');
  return failed(kind, `${want}: ${expect.message}`, actualClass, `${want}: ${expect.message}`, actual, raw, message);
}

/** An invocation's outcome, on a module whose verdict was `verdict`. */
export function judgeInvocation(expect: Expectation, verdict: ModuleVerdict, outcome: InvocationOutcome | undefined): Judgement {
  const expected = describeExpectation(expect);
  const expectedClass = expectationClass(expect);
  if (verdict.kind !== 'ok' || outcome === undefined) {
    return { status: 'failed', expectedClass, actualClass: 'not-run', expected, actual: `not run: module verdict ${verdict.kind}` };
  }
  switch (outcome.kind) {
    case 'not-run':
      if (outcome.reason.startsWith('driver:')) return { status: 'unsupported', reason: `not expressible as a driver (${outcome.reason.slice(7).trim()})` };
      return { status: 'failed', expectedClass, actualClass: 'not-run', expected, actual: `not run: ${outcome.reason}` };
    case 'timeout':
      return failed('timeout', expectedClass, 'timeout', expected, 'timeout', outcome.raw);
    case 'crash':
      return failed('crash', expectedClass, 'crash', expected, `crash: ${firstLine(outcome.message)}`, outcome.raw, firstLine(outcome.message));
    case 'resource':
      // a spec test stays far below the harness's limits: hitting one is exhaustion where the spec needs little
      return failed('exhaustion', expectedClass, 'resource', expected, `resource limit: ${firstLine(outcome.message)}`, outcome.raw, firstLine(outcome.message));
    case 'rejected':
      // the runtime refused the function when it was called: it compiles or validates lazily
      return failed('rejects-valid', expectedClass, 'rejected', expected, `rejected when called: ${firstLine(outcome.message)}`, outcome.raw, firstLine(outcome.message));
    case 'exhaustion':
      if (expect.kind === 'exhaustion') return { status: 'passed' };
      return failed('exhaustion', expectedClass, 'exhaustion', expected, `exhaustion: ${firstLine(outcome.message)}`, outcome.raw);
    case 'exception': {
      if (expect.kind === 'exception') return { status: 'passed' };
      const actual = `uncaught exception: ${firstLine(outcome.message)}`;
      // where a trap or exhaustion was due, an exception is the wrong stop; where values were, a stop that should not be
      const kind: FindingKind = expect.kind === 'trap' || expect.kind === 'exhaustion' ? 'wrong-trap' : 'unexpected-trap';
      return failed(kind, expectedClass, 'exception', expected, actual, outcome.raw, firstLine(outcome.message));
    }
    case 'trap': {
      const actualClass = `trap:${outcome.trap}`;
      const actual = `trap ${outcome.trap}: ${firstLine(outcome.message)}`;
      if (expect.kind === 'exhaustion') return failed('wrong-trap', expectedClass, actualClass, expected, actual, outcome.raw, firstLine(outcome.message));
      // an exception was due: a trap in words the table does not know may be the runtime's wording of it (a note), a known trap is wrong
      if (expect.kind === 'exception') {
        return failed(outcome.trap === 'unknown' ? 'unclassified-trap' : 'wrong-trap', expectedClass, actualClass, expected, actual, outcome.raw, firstLine(outcome.message));
      }
      if (expect.kind !== 'trap') return failed('unexpected-trap', expectedClass, actualClass, expected, actual, outcome.raw, firstLine(outcome.message));
      const want = expectedTrap(expect.message);
      if (want === undefined) return { status: 'passed' }; // the taxonomy has no word for what the script expects: any trap
      // a trap whose message the adapter cannot classify: a note (its message table needs a row), never a pass
      if (outcome.trap === 'unknown') return failed('unclassified-trap', expectedClass, actualClass, expected, actual, outcome.raw, firstLine(outcome.message));
      if (trapAccepted(want, outcome.trap, outcome.message)) return { status: 'passed' };
      return failed('wrong-trap', expectedClass, actualClass, expected, actual, outcome.raw, firstLine(outcome.message));
    }
    case 'values': {
      const actual = outcome.values.map(showResult).join(' ') || '(no values)';
      if (expect.kind === 'trap') return failed('missing-trap', expectedClass, 'values', expected, actual);
      if (expect.kind === 'exhaustion' || expect.kind === 'exception') return failed('missing-trap', expectedClass, 'values', expected, actual);
      if (expect.kind !== 'values') return { status: 'passed' };
      if (valuesMatch(outcome.values, expect.expected)) return { status: 'passed' };
      const nanRule = nanRuleBroken(outcome.values, expect.expected);
      return { ...failed('wrong-result', expectedClass, 'values', expected, actual), ...(nanRule ? { nanRule } : {}) };
    }
  }
}

export function valuesMatch(values: readonly ResultValue[], expected: readonly WastExpected[]): boolean {
  return values.length === expected.length && values.every((v, i) => valueMatches(v, expected[i]!));
}

/**
 * A reference is judged through what the driver observes of it: its
 * hierarchy and null-ness, and for the any hierarchy its projection
 * (driver/ref-projection.ts): the kind ref.test found, and the test of the
 * declared result type, which a correct runtime always passes.
 */
function valueMatches(v: ResultValue, e: WastExpected): boolean {
  if ('null' in v) {
    if (e.type === 'either') return e.options.some((o) => valueMatches(v, o));
    if (v.gc !== undefined && !v.gc.test) return false; // the value is not of its function's declared result type
    switch (e.type) {
      case 'ref.null-any':
        return v.null;
      case 'ref.null':
        // any null of the pattern's hierarchy, as the script runner says (reference-runtime/script/expect.ts)
        return v.null && v.type === hierarchyTop(e.refType);
      case 'ref.func':
        return !v.null && v.type === 'funcref';
      case 'ref.extern-any':
        return !v.null && v.type === 'externref';
      case 'ref.kind':
        if (v.null) return false;
        if (e.heap === 'exn') return v.type === 'exnref';
        return v.type === 'anyref' && v.gc !== undefined && KIND_MATCHES[e.heap].includes(v.gc.kind);
      default:
        return false; // ref.extern N, ref.host N: identity is not observable (the translator marks them unsupported)
    }
  }
  return matches(toValue(v as NumValue), e); // references returned above
}

/** The projection kinds (GC_KIND) each abstract heap type of a `(ref.<kind>)` pattern accepts. */
const KIND_MATCHES: Record<Exclude<RefKindPattern, 'exn'>, readonly number[]> = {
  any: [GC_KIND.i31, GC_KIND.struct, GC_KIND.array, GC_KIND.other],
  eq: [GC_KIND.i31, GC_KIND.struct, GC_KIND.array],
  i31: [GC_KIND.i31],
  struct: [GC_KIND.struct],
  array: [GC_KIND.array],
};

/** The result type (top of the hierarchy) of a script's `(ref.null ht)`; a type index has none (the translator marks it unsupported). */
function hierarchyTop(t: RefType): string {
  const h = heapOf(t);
  return typeof h === 'number' ? '' : `${topOf(h)}ref`;
}

export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'instantiates':
      return 'module instantiates';
    case 'returns':
      return 'returns';
    case 'values':
      return e.expected.map(showExpected).join(' ') || '(no values)';
    case 'trap':
      return `trap: ${e.message}`;
    case 'exhaustion':
      return `exhaustion: ${e.message}`;
    case 'exception':
      return 'uncaught exception';
    case 'verdict':
      return `${e.verdict}: ${e.message}`;
  }
}

/** The expected outcome's class: what a signature keeps of it (types and NaN patterns, not the exact values). */
export function expectationClass(e: Expectation): string {
  switch (e.kind) {
    case 'values':
      return `values(${e.expected.map(expectedClass).join(' ')})`;
    case 'trap':
      return `trap:${expectedTrap(e.message) ?? e.message}`;
    case 'verdict':
      return `${e.verdict}: ${e.message}`;
    default:
      return e.kind;
  }
}

function expectedClass(e: WastExpected): string {
  if ('nan' in e) return `${e.type}:${e.nan}`;
  if (e.type === 'v128-lanes') return `${e.shape}${e.lanes.some((l) => typeof l === 'string') ? ':nan' : ''}`;
  return e.type;
}

function verdictClass(v: ModuleVerdict): string {
  return v.kind === 'uninstantiable' && v.trap ? `uninstantiable:${v.trap}` : v.kind;
}

function processKind(kind: ModuleVerdict['kind']): FindingKind | undefined {
  if (kind === 'resource') return 'exhaustion';
  return kind === 'timeout' || kind === 'crash' ? kind : undefined;
}

function failed(kind: FindingKind, expectedClass: string, actualClass: string, expected: string, actual: string, raw?: RawOutput, message?: string): Judgement {
  return { status: 'failed', kind, expectedClass, actualClass, expected, actual, ...(raw ? { raw } : {}), ...(message ? { message } : {}) };
}

/** The NaN pattern of the first expected NaN (scalar, or a lane) that the value does not match. */
function nanRuleBroken(values: readonly ResultValue[], expected: readonly WastExpected[]): 'nan:canonical' | 'nan:arithmetic' | undefined {
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]!;
    const v = values[k];
    if (v === undefined || valueMatches(v, e)) continue;
    if ('nan' in e) return e.nan;
    if (e.type === 'v128-lanes') {
      const pattern = e.lanes.find((l): l is 'nan:canonical' | 'nan:arithmetic' => typeof l === 'string');
      if (pattern !== undefined) return pattern;
    }
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
