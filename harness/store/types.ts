// The records the store takes and gives back. JSON columns come back as the
// values that were written (json.ts); timestamps are ISO-8601 UTC strings.
import type Database from 'better-sqlite3';

export type FindingStatus = 'open' | 'fixed' | 'known';
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'fixed', 'known'];

export type TimingPhase = 'compile' | 'instantiate' | 'execute' | 'wall';

export interface RunRecord {
  id: number;
  /** Random, so a run keeps its identity when stores are merged. */
  uid: string;
  startedAt: string;
  finishedAt: string | null;
  command: string;
  options: unknown;
  host: HostInfo;
  summary: unknown;
}

export interface HostInfo {
  hostname: string;
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  arch: string;
}

export interface RuntimeRecord {
  id: number;
  /** The adapter id, e.g. `wasmtime`, `v8-node22`. */
  name: string;
  engine: string;
  version: string;
  features: Record<string, boolean>;
}

export interface NewRuntime {
  name: string;
  engine: string;
  version: string;
  features?: Record<string, boolean>;
}

export interface ModuleRecord {
  hash: string;
  bytes: Uint8Array;
  wat: string | null;
}

export interface NewCase {
  moduleHash: string;
  invocations: unknown;
  /** `spec`, `fuzz`, `bench`, ... */
  source: string;
  /** Where it came from, e.g. `i32.wast:120` or `seed 42 #17`. */
  origin: string;
}

export interface CaseRecord extends NewCase {
  id: number;
}

export interface NewOutcome {
  caseId: number;
  runtimeId: number;
  runId: number;
  outcome: unknown;
  durationMs?: number;
}

export interface OutcomeRecord {
  caseId: number;
  runtimeId: number;
  runId: number;
  outcome: unknown;
  durationMs: number | null;
}

/** A root cause (harness/findings/cause.ts): with the kind, what a finding's signature is a hash of. */
export interface FindingCause {
  family: string;
  culprit: string;
  operandClass: string;
}

/** One sighting of a finding: who showed it, where, and how often in this recording. */
export interface NewSighting {
  runtime: string;
  version?: string;
  /** spec | fuzz | probe | bench */
  source: string;
  /** file:line, the fuzz case, probe:feature */
  origin: string;
  /** sightings this record stands for (several checks of one file): default 1 */
  count?: number;
}

export interface NewFinding {
  /** Stable across re-discovery: the cause's hash (harness/findings/cause.ts causeSignature). */
  signature: string;
  cause?: FindingCause;
  sighting?: NewSighting;
  kind: string;
  summary: string;
  /** Names (adapter ids) of the runtimes that diverge. */
  runtimes: string[];
  moduleBytes?: Uint8Array;
  wat?: string;
  /** Expected vs actual per runtime, the reason it is a bug, the spec section. */
  details: unknown;
  /** Runtime name -> the command line that reproduces it. */
  repro: Record<string, string>;
  /**
   * Runtime name -> the version this sighting ran on. Decides whether a
   * `fixed` finding re-opens (see findings.ts); when absent, the versions
   * the run recorded outcomes, spec results or timings for are used.
   */
  versions?: Record<string, string>;
}

export interface MemberRecord {
  /** the first and the latest version it was seen on */
  first: string;
  last: string;
  count: number;
}

export interface ExampleRecord {
  id: number;
  runtime: string;
  version: string | null;
  source: string;
  origin: string;
  size: number;
  moduleHash: string | null;
  wat: string | null;
  details: unknown;
  repro: Record<string, string>;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface FindingRecord {
  id: number;
  signature: string;
  kind: string;
  /** null for findings stored before causes (none left after migration 3) */
  family: string | null;
  culprit: string | null;
  operandClass: string | null;
  /** runtime -> the versions it showed the finding on, and how often */
  members: Record<string, MemberRecord>;
  summary: string;
  runtimes: string[];
  status: FindingStatus;
  firstSeen: string;
  lastSeen: string;
  firstRunId: number | null;
  lastRunId: number | null;
  count: number;
  moduleHash: string | null;
  wat: string | null;
  details: unknown;
  repro: Record<string, string>;
  /** Runtime name -> version the finding was fixed in, while status is `fixed`. */
  fixedIn: Record<string, string> | null;
  fixedRunId: number | null;
}

export interface FindingFilter {
  status?: string;
  /** Findings whose diverging runtimes include this name. */
  runtime?: string;
  kind?: string;
  /** Findings first seen in a run after this one: "new since run N". */
  sinceRunId?: number;
  /** Findings sighted in this run (new or not). */
  seenInRunId?: number;
}

export interface Sighting {
  runId: number;
  seenAt: string;
  note: string | null;
}

export interface SpecCell {
  passed: number;
  failed: number;
  unsupported: number;
  reasons: string[];
}

export interface SpecRow extends SpecCell {
  runtimeId: number;
  file: string;
}

export interface SpecMatrix {
  runId: number;
  /** The runtimes with results in that run, by name. */
  runtimes: RuntimeRecord[];
  /** One row per file, sorted by file; cells keyed by runtime name. */
  rows: { file: string; cells: Record<string, SpecCell> }[];
}

export interface TimingRow {
  runId: number;
  runtimeId: number;
  /** The benchmark program (or module) name. */
  program: string;
  phase: TimingPhase;
  iteration: number;
  ms: number;
  rssKb?: number | null;
}

/** One wall-time sample, with the runtime it was measured on. */
export interface WallSample {
  /** The adapter id, e.g. `wasmtime`, `native`. */
  runtime: string;
  version: string;
  program: string;
  ms: number;
}

/** What every part of the store works with. */
export interface StoreContext {
  db: Database.Database;
  path: string;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE; a savepoint when nested). */
  tx<T>(fn: () => T): T;
}
