// The contract between whatever finds a divergence (the spec path,
// conformance/judge.ts; the fuzz path, compare/compare.ts; the feature
// probes; the benchmarks) and what stores and reports it: the finding kinds
// and what each means, their severity, the shape of a divergence, and the
// one FindingSeen a run reports per finding it saw.

/**
 * What kind of divergence a finding is. Each names what a maintainer reads:
 *  - wrong-result: returned values the spec does not allow; wrong-state: the
 *    final memory, globals or tables differ (the fuzzer's digest);
 *  - missing-trap / unexpected-trap / wrong-trap: trapped where it must not,
 *    did not trap where it must, or trapped for another reason;
 *  - accepts-invalid: instantiated a module the spec rejects (malformed,
 *    invalid, unlinkable or trapping at instantiation); rejects-valid: a
 *    compile, link or instantiation error (or a function it refused to run)
 *    on a module the spec accepts; verdict: rejected at the wrong stage;
 *  - crash: killed by a signal, or an abnormal exit (a panic, an abort);
 *    timeout: hung where the oracle finished quickly; exhaustion: ran out of
 *    stack or memory far below any limit the spec lets an implementation set;
 *  - performance, wrong-checksum: from the benchmarks.
 * Notes (NOTE_KINDS) are reported but never fail a run:
 *  - misclassified: rejected, as it must be, but as invalid where the module
 *    is malformed or the other way round (most engines decode and validate in
 *    one pass);
 *  - unclassified-trap: trapped where it must, with a message the adapter's
 *    table does not classify (its adapters/<runtime>/messages.ts needs a row).
 */
export type FindingKind =
  | 'wrong-result'
  | 'wrong-state'
  | 'missing-trap'
  | 'unexpected-trap'
  | 'wrong-trap'
  | 'accepts-invalid'
  | 'rejects-valid'
  | 'verdict'
  | 'crash'
  | 'timeout'
  | 'exhaustion'
  | 'misclassified'
  | 'unclassified-trap'
  | 'performance'
  | 'wrong-checksum';

export const NOTE_KINDS: ReadonlySet<string> = new Set<FindingKind>(['misclassified', 'unclassified-trap']);

export function isNote(kind: string): boolean {
  return NOTE_KINDS.has(kind);
}

/**
 * Lower is more severe: a crash, then wrong results and missing traps, then
 * the other trap disagreements, hangs and exhaustion, then verdict
 * disagreements, performance, and last the notes.
 */
const SEVERITY: Record<string, number> = {
  crash: 0,
  'wrong-result': 1,
  'wrong-state': 1,
  'missing-trap': 1,
  'wrong-checksum': 1,
  'unexpected-trap': 2,
  'wrong-trap': 2,
  timeout: 3,
  exhaustion: 3,
  'accepts-invalid': 4,
  'rejects-valid': 4,
  verdict: 4,
  performance: 5,
  misclassified: 6,
  'unclassified-trap': 6,
};

export function severity(kind: string): number {
  return SEVERITY[kind] ?? 5;
}

export const SEVERITY_NAMES = ['crash', 'wrong result', 'trap', 'hang or exhaustion', 'verdict', 'performance', 'note'] as const;

/** One divergence of one runtime from what the spec allows, as the spec path and the fuzz path both describe it. */
export interface Divergence {
  kind: FindingKind;
  runtime: string;
  /** the invocation (plan index); absent for the module verdict */
  invocation?: number;
  /** outcome classes: types, trap kinds, NaN patterns, verdicts; not exact values */
  expectedClass: string;
  actualClass: string;
  expected: string;
  actual: string;
  /** a NaN result outside the set the spec allows: the set it had to be in */
  nanRule?: 'nan:canonical' | 'nan:arithmetic';
  /** the runtime's own message (a rejection, a trap), when it gave one */
  message?: string;
  /** for a verdict: the spec's (the oracle's) message for the module it rejects */
  rule?: string;
}

/** What a run says about each finding it saw: the spec run, the fuzz run and the probes all report this. */
export interface FindingSeen {
  id: number;
  /** first seen in this run */
  isNew: boolean;
  /** was fixed, and this run saw it again */
  reopened: boolean;
  /** sightings in all runs so far */
  count: number;
  kind: string;
  /** a note: reported, never failing a run */
  note: boolean;
  /** the runtime family (harness/findings/family.ts) and the members that showed it in this run */
  family: string;
  runtimes: string[];
  signature: string;
  summary: string;
  /** sightings in this run */
  occurrences: number;
}

/** Findings that fail a run: new or re-opened, and not notes. */
export function failing(seen: readonly FindingSeen[]): FindingSeen[] {
  return seen.filter((s) => (s.isNew || s.reopened) && !s.note);
}
