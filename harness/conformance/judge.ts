// Judges one outcome against one script assertion: passed, failed (with the
// kind of divergence and the expected and actual outcome classes that a
// finding's signature is made of), or unsupported (with the reason). Values
// are matched with the script runner's own rules (NaN patterns per scalar and
// per lane: reference-runtime/script/expect.ts); a runtime that cannot tell a
// malformed from an invalid module (`rejected`) passes either assertion.
import type { TrapKind } from '../../reference-runtime/errors.js';
import { matches, showExpected } from '../../reference-runtime/script/expect.js';
import type { WastExpected } from '../../reference-runtime/syntax/script.js';
import { toValue } from '../../adapters/reference-run.js';
import type { InvocationOutcome, ModuleVerdict, NumValue, RawOutput, ResultValue } from '../../adapters/plan.js';
import { classifyMessage, isTrapKind, SPEC_WORDING } from '../../adapters/trap-kinds.js';
import { showResult } from '../../adapters/values.js';
import type { Expectation } from './translate.js';

/**
 * `verdict`: accepted what must be rejected, or the other way round, or the
 * wrong stage (unlinkable for uninstantiable); `misclassified`: rejected as
 * the spec asks, but as invalid where it is malformed or the other way round.
 */
export type FindingKind =
  | 'wrong-result'
  | 'wrong-trap'
  | 'missing-trap'
  | 'unexpected-trap'
  | 'verdict'
  | 'misclassified'
  | 'crash'
  | 'timeout'
  | 'exhaustion';

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
    };

/**
 * Runtime wordings that name more than one trap kind, so the adapter's
 * classification of them is a guess: a trap worded so passes an assertion
 * of any of its kinds (adapters/kit/deviations.ts has the evidence).
 */
const AMBIGUOUS_WORDING: readonly (readonly [substring: string, kinds: readonly TrapKind[]])[] = [
  // V8: NaN and out-of-range truncations alike
  ['float unrepresentable in integer range', ['invalid conversion to integer', 'integer overflow']],
  // V8: call_indirect past the table end and table.get past it
  ['table index is out of bounds', ['out of bounds table access', 'undefined element']],
  // V8: a null entry and a signature mismatch
  ['null function or function signature mismatch', ['uninitialized element', 'indirect call type mismatch']],
  // Wasmtime: one TableOutOfBounds code, worded for both assertions
  ['undefined element: out of bounds table access', ['out of bounds table access', 'undefined element']],
];

function trapAccepted(want: TrapKind, got: TrapKind, message: string): boolean {
  if (want === got) return true;
  const lower = message.toLowerCase();
  return AMBIGUOUS_WORDING.some(([needle, kinds]) => lower.includes(needle.toLowerCase()) && kinds.includes(want) && kinds.includes(got));
}

/** The trap kind an assertion's message names (`undefined` when the taxonomy has no word for it). */
export function expectedTrap(message: string): TrapKind | undefined {
  const c = classifyMessage(SPEC_WORDING, message);
  return isTrapKind(c) ? c : undefined;
}

export function judgeModule(expect: Expectation, verdict: ModuleVerdict): Judgement {
  const actualClass = verdictClass(verdict);
  const actual = verdict.kind === 'ok' ? 'ok' : `${verdict.kind}: ${firstLine(verdict.message)}`;
  const raw = 'raw' in verdict ? verdict.raw : undefined;
  if (expect.kind !== 'verdict') {
    if (verdict.kind === 'ok') return { status: 'passed' };
    return failed(processKind(verdict.kind) ?? 'verdict', 'ok', actualClass, 'module instantiates', actual, raw);
  }
  const want = expect.verdict;
  const accepted = verdict.kind === want || (verdict.kind === 'rejected' && (want === 'malformed' || want === 'invalid'));
  if (accepted) return { status: 'passed' };
  const swapped = (want === 'malformed' && verdict.kind === 'invalid') || (want === 'invalid' && verdict.kind === 'malformed');
  return failed(processKind(verdict.kind) ?? (swapped ? 'misclassified' : 'verdict'), `${want}: ${expect.message}`, actualClass, `${want}: ${expect.message}`, actual, raw);
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
      return failed('crash', expectedClass, 'crash', expected, `crash: ${firstLine(outcome.message)}`, outcome.raw);
    case 'resource':
      // a spec test stays far below the harness's limits: hitting one is a failure to look at
      return failed('crash', expectedClass, 'resource', expected, `resource limit: ${firstLine(outcome.message)}`, outcome.raw);
    case 'exhaustion':
      if (expect.kind === 'exhaustion') return { status: 'passed' };
      return failed('exhaustion', expectedClass, 'exhaustion', expected, `exhaustion: ${firstLine(outcome.message)}`, outcome.raw);
    case 'trap': {
      const actualClass = `trap:${outcome.trap}`;
      const actual = `trap ${outcome.trap}: ${firstLine(outcome.message)}`;
      if (expect.kind === 'exhaustion') return failed('wrong-trap', expectedClass, actualClass, expected, actual, outcome.raw);
      if (expect.kind !== 'trap') return failed('unexpected-trap', expectedClass, actualClass, expected, actual, outcome.raw);
      const want = expectedTrap(expect.message);
      // a trap whose message the adapter could not classify still is a trap
      if (want === undefined || outcome.trap === 'unknown' || trapAccepted(want, outcome.trap, outcome.message)) return { status: 'passed' };
      return failed('wrong-trap', expectedClass, actualClass, expected, actual, outcome.raw);
    }
    case 'values': {
      const actual = outcome.values.map(showResult).join(' ') || '(no values)';
      if (expect.kind === 'trap') return failed('missing-trap', expectedClass, 'values', expected, actual);
      if (expect.kind === 'exhaustion') return failed('missing-trap', expectedClass, 'values', expected, actual);
      if (expect.kind !== 'values') return { status: 'passed' };
      if (valuesMatch(outcome.values, expect.expected)) return { status: 'passed' };
      return failed('wrong-result', expectedClass, 'values', expected, actual);
    }
  }
}

export function valuesMatch(values: readonly ResultValue[], expected: readonly WastExpected[]): boolean {
  return values.length === expected.length && values.every((v, i) => valueMatches(v, expected[i]!));
}

function valueMatches(v: ResultValue, e: WastExpected): boolean {
  if ('null' in v) {
    switch (e.type) {
      case 'either':
        return e.options.some((o) => valueMatches(v, o));
      case 'ref.null-any':
        return v.null;
      case 'ref.null':
        return v.null && v.type === e.refType;
      case 'ref.func':
        return !v.null && v.type === 'funcref';
      case 'ref.extern-any':
        return !v.null && v.type === 'externref';
      default:
        return false; // ref.extern N: identity is not observable (the translator marks it unsupported)
    }
  }
  return matches(toValue(v as NumValue), e); // references returned above
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
  return kind === 'timeout' || kind === 'crash' ? kind : undefined;
}

function failed(kind: FindingKind, expectedClass: string, actualClass: string, expected: string, actual: string, raw?: RawOutput): Judgement {
  return { status: 'failed', kind, expectedClass, actualClass, expected, actual, ...(raw ? { raw } : {}) };
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
