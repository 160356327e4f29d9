// What a report shows, as plain data. harness/report/load-data.ts reads it
// from the store; every renderer here (HTML sections, Markdown, JUnit) only
// turns it into text, so tests render synthetic data without a database.

export interface ReportData {
  /** ISO time the report was made. */
  generatedAt: string;
  /** Where the data came from (the database file), shown in the header. */
  source: string;
  /** Newest first. */
  runs: RunInfo[];
  runtimes: RuntimeInfo[];
  /** The latest spec conformance run, if there is one. */
  matrix: MatrixData | undefined;
  findings: FindingInfo[];
  /** The latest run that stored timings, if there is one. */
  performance: PerformanceData | undefined;
  /** The newest fuzz run, if there is one. */
  fuzz?: FuzzData;
  /** Across all stored runs, oldest first (trends.ts). */
  trends?: TrendData;
  /** The nightly's stages, when the report is a nightly's: a failed one is shown, never hidden. */
  stages?: StageInfo[];
}

export interface FuzzData {
  runId: number;
  startedAt: string;
  cases: number;
  seconds: number;
  casesPerSecond: number;
  newFindings: number;
  /** per runtime compared: cases run, and set aside because they use a feature it lacks (as probed) */
  runtimes: { runtime: string; ran: number; setAside: number }[];
  /** milliseconds per phase (generate, run, compare, triage, recheck); empty for runs stored before phases were kept */
  phases: Record<string, number>;
  /** opcodes executed on the oracle, of the opcode table's */
  coverage: { executed: number; total: number };
  /** opcodes (and operand triples, absent for older runs) executed after so many cases: a point each time they grew */
  growth: { cases: number; opcodes: number; triples?: number }[];
  /** (instruction, operand, operand class) triples executed on the oracle, of all the table's (absent for older runs) */
  operands?: { covered: number; total: number };
  /** (instruction, trap kind) pairs that fired on the oracle (absent for older runs) */
  trapConditions?: number;
}

export interface StageInfo {
  stage: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  note: string;
}

export interface RunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  command: string;
}

export interface RuntimeInfo {
  name: string;
  engine: string;
  version: string;
}

export interface MatrixCell {
  passed: number;
  failed: number;
  unsupported: number;
  reasons: string[];
}

export interface MatrixData {
  runId: number;
  /** Column order: runtime (adapter) names. */
  runtimes: string[];
  rows: { file: string; cells: Record<string, MatrixCell> }[];
}

export interface FindingInfo {
  id: number;
  signature?: string;
  /** Listed in the known-findings baseline with this reason: reported, but it does not fail a run. */
  baseline?: string;
  kind: string;
  summary: string;
  runtimes: string[];
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** First seen in the newest run: new since the run before it. */
  isNew: boolean;
  status: string;
  wat: string | null;
  /** Expected vs actual per runtime, the reason; shape set by whoever records the finding. */
  details: unknown;
  /** Runtime name -> command line that reproduces the finding. */
  repro: Record<string, string>;
  fixedIn: Record<string, string> | null;
  /** Marked fixed by the newest run (or nightly session), as isNew. */
  fixedNow?: boolean;
  /** Was fixed, and the newest run (or session) saw it again. */
  reopened?: boolean;
  /** The cause (harness/findings/cause.ts); absent for findings stored before causes. */
  family?: string;
  culprit?: string;
  operandClass?: string;
  /** Runtime -> the versions it showed the finding on. */
  members?: Record<string, { first: string; last: string; count: number }>;
  /** A few representative sightings, smallest first. */
  examples?: ExampleInfo[];
  /** The issue text `wasmdiff show ID --markdown` prints (harness/findings/issue-markdown.ts). */
  markdown?: string;
  /** A note: reported, never failing a run. */
  note?: boolean;
}

export interface ExampleInfo {
  runtime: string;
  version: string | null;
  source: string;
  origin: string;
  size: number;
  count: number;
  wat: string | null;
}

export interface TimingSample {
  runtime: string;
  program: string;
  phase: string;
  iteration: number;
  ms: number;
  rssKb: number | null;
}

export interface PerformanceData {
  runId: number;
  samples: TimingSample[];
}

/** One point per stored run, oldest first; null where a run has no such data. */
export interface TrendData {
  runs: { id: number; startedAt: string; command: string }[];
  /** Spec assertions passed, per runtime version ("name version"). */
  specPassed: { runtime: string; values: (number | null)[] }[];
  /** Findings open after each run (first seen by then, not fixed by then). */
  openFindings: number[];
  /** Geometric mean of each runtime version's ratio to the fastest, in runs that timed anything. */
  perfGeomean: { runtime: string; values: (number | null)[] }[];
}

