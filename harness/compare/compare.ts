// Compares a runtime's RunOutcome with the oracle's, observable by
// observable: the module verdict, then each invocation's values (under the
// results the oracle allows), trap kind, exhaustion, timeout or crash, and
// the state digest when the plan ends with one (harness/fuzz/digest.ts).
// Known allowed divergences (allowed.ts) are recorded, not reported.
//
// Once the oracle and the runtime may legitimately hold different state (a
// NaN was chosen, a grow could have failed, one side exhausted its stack),
// later invocations on that instance are not compared; after both sides
// trapped at the same invocation both start afresh (plan rule 3) and the
// comparison resumes.
import type { FindingKind } from '../conformance/judge.js';
import type { InvocationOutcome, ResultValue, RunOutcome } from '../../adapters/plan.js';
import { showResult } from '../../adapters/values.js';
import type { OracleOutcome } from '../fuzz/oracle.js';
import { RULES, trapAlias, valueAllowed, verdictClass, verdictRule, type AllowedRule } from './allowed.js';

/** The conformance kinds, plus a difference in the final state digest. */
export type DivergenceKind = FindingKind | 'wrong-state';

export interface Divergence {
  kind: DivergenceKind;
  runtime: string;
  /** the invocation (plan index); absent for the module verdict */
  invocation?: number;
  expectedClass: string;
  actualClass: string;
  expected: string;
  actual: string;
}

export interface Allowance {
  rule: string;
  invocation?: number;
}

export interface Comparison {
  /** at most one: the first divergence (later ones may only follow from it) */
  divergences: Divergence[];
  allowed: Allowance[];
  /** invocations not compared because the state could legitimately differ */
  skipped: number;
}

export interface CompareOptions {
  /** the plan index of the state-digest invocation, if the plan has one */
  digestAt?: number;
  /** features the module uses that the runtime's probe says it lacks */
  unsupported?: readonly string[];
  /** the oracle's time under which a runtime's timeout is a finding (default 1000 ms) */
  quickOracleMs?: number;
}

const REJECTIONS = new Set(['rejected', 'malformed', 'invalid', 'unlinkable']);

export function compareRun(oracle: OracleOutcome, actual: RunOutcome, options: CompareOptions = {}): Comparison {
  const out: Comparison = { divergences: [], allowed: [], skipped: 0 };
  const runtime = actual.adapter;
  const allow = (rule: AllowedRule, invocation?: number) => out.allowed.push(invocation === undefined ? { rule: rule.id } : { rule: rule.id, invocation });
  const diverge = (d: Omit<Divergence, 'runtime'>) => out.divergences.push({ runtime, ...d });

  const ov = verdictClass(oracle.run.verdict);
  const av = verdictClass(actual.verdict);
  if (ov !== av) {
    const rule = verdictRule(ov, av) ?? (ov === 'ok' && REJECTIONS.has(av) && (options.unsupported?.length ?? 0) > 0 ? RULES.unsupportedFeature : undefined);
    if (rule) allow(rule);
    else {
      const kind: DivergenceKind = av === 'timeout' || av === 'crash' ? av : 'verdict';
      const message = 'message' in actual.verdict ? `: ${firstLine(actual.verdict.message)}` : '';
      diverge({ kind, expectedClass: ov, actualClass: av, expected: ov, actual: `${av}${message}` });
    }
    return out;
  }
  if (ov !== 'ok') return out;

  let tainted: AllowedRule | undefined;
  const n = oracle.run.invocations.length;
  for (let i = 0; i < n; i++) {
    const o = oracle.run.invocations[i]!;
    const a = actual.invocations[i] ?? { kind: 'not-run', reason: 'no outcome' };
    const note = oracle.notes[i] ?? {};
    if (tainted) {
      out.skipped++;
      // both sides start a fresh instance after a trap at the same invocation
      if (o.kind === 'trap' && a.kind === 'trap') tainted = undefined;
      continue;
    }
    if (o.kind === 'not-run') continue;
    if (a.kind === 'not-run') {
      if (!a.reason.startsWith('driver:')) {
        out.skipped += n - i; // follows from an earlier crash or timeout, already reported
        break;
      }
      // the runtime skipped what the oracle ran: their states may differ from here on
      allow(RULES.notExpressible, i);
      tainted = RULES.notExpressible;
      continue;
    }
    if (o.kind === 'exhaustion') {
      if (a.kind !== 'exhaustion') {
        allow(RULES.stackDepth, i);
        if (a.kind !== 'trap') tainted = RULES.stackDepth;
      }
      if (a.kind === 'timeout' || a.kind === 'crash') break;
      continue;
    }
    const expected = showOutcome(o);
    const expectedClass = outcomeClass(o);
    const at = { invocation: i, expectedClass, expected, actualClass: outcomeClass(a), actual: showOutcome(a) };
    if (a.kind === 'timeout') {
      if (o.kind === 'timeout' || oracle.ms >= (options.quickOracleMs ?? 1000)) allow(RULES.slowOracle, i);
      else diverge({ kind: 'timeout', ...at });
      break;
    }
    if (a.kind === 'crash') {
      diverge({ kind: 'crash', ...at });
      break;
    }
    if (a.kind === 'resource') {
      // the harness's own memory or output limit stopped the runtime: nothing later ran
      allow(RULES.resourceExhaustion, i);
      break;
    }
    if (o.kind === 'timeout' || o.kind === 'crash' || o.kind === 'resource') break; // the oracle did not finish: nothing to compare against
    if (a.kind === 'exhaustion') {
      allow(RULES.resourceExhaustion, i);
      if (o.kind !== 'trap') tainted = RULES.resourceExhaustion;
      continue;
    }
    if (o.kind === 'trap') {
      if (a.kind === 'values') diverge({ kind: 'missing-trap', ...at });
      else if (a.trap === o.trap) continue;
      else if (a.trap === 'unknown') allow(RULES.unknownTrap, i);
      else if (trapAlias(runtime, o.trap, a.trap)) allow(RULES.trapAlias, i);
      else diverge({ kind: 'wrong-trap', ...at });
      if (out.divergences.length > 0) break;
      continue;
    }
    // the oracle returned values
    if (a.kind === 'trap') {
      diverge({ kind: 'unexpected-trap', ...at });
      break;
    }
    const reasons = note.reasons ?? [];
    const verdict = judgeValues(o.values, note.allowed, a.values, reasons);
    if (verdict === 'diverges') {
      diverge({ kind: i === options.digestAt ? 'wrong-state' : 'wrong-result', ...at });
      break;
    }
    if (verdict !== 'equal') allow(verdict, i);
    if (reasons.includes('grow')) tainted = RULES.growChoice;
    else if (reasons.includes('nan')) tainted = RULES.nanDependent;
  }
  return out;
}

/** Equal, allowed by a rule, or a divergence. */
function judgeValues(o: readonly ResultValue[], allowed: OracleOutcome['notes'][number]['allowed'], a: readonly ResultValue[], reasons: readonly string[]): 'equal' | 'diverges' | AllowedRule {
  if (o.length !== a.length || o.some((v, i) => v.type !== a[i]!.type)) return 'diverges';
  let rule: AllowedRule | 'equal' = 'equal';
  for (let i = 0; i < o.length; i++) {
    if (showResult(o[i]!) === showResult(a[i]!)) continue;
    if (reasons.includes('grow')) rule = RULES.growChoice;
    else if (valueAllowed(o[i]!, allowed?.[i], a[i]!)) rule = RULES.nanPayload;
    // the oracle does not describe values computed from a chosen NaN's bits (exec/invoke.ts)
    else if (reasons.includes('nan')) rule = RULES.nanDependent;
    else return 'diverges';
  }
  return rule;
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
    case 'exhaustion':
      return 'call stack exhausted';
    default:
      return o.kind;
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
