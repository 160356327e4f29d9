// The wasmdiff result store: one SQLite file (default `wasmdiff.db`, every
// command takes --db) that spec runs, the fuzzer, benchmarks and reports
// share. Several processes may write to it at once (WAL, busy timeout); every
// batch is one transaction, so an error loses nothing already stored; every
// SQLite error reaches the caller as a one-line StoreError naming the file.
import type Database from 'better-sqlite3';
import { explainSqliteError } from './errors.js';
import { openDatabase, type OpenOptions } from './open.js';
import { runsApi } from './runs.js';
import { runtimesApi } from './runtimes.js';
import { modulesApi } from './modules.js';
import { casesApi } from './cases.js';
import { findingsApi } from './findings.js';
import { specResultsApi } from './spec-results.js';
import { timingsApi } from './timings.js';
import { coverageApi } from './coverage.js';
import type {
  CaseRecord,
  ExampleRecord,
  FindingFilter,
  FindingRecord,
  FindingStatus,
  HostInfo,
  ModuleRecord,
  NewCase,
  NewFinding,
  NewOutcome,
  NewRuntime,
  OutcomeRecord,
  RunRecord,
  RuntimeRecord,
  Sighting,
  SpecMatrix,
  SpecRow,
  StoreContext,
  TimingRow,
  WallSample,
} from './types.js';

export { StoreError } from './errors.js';
export type { OpenOptions } from './open.js';
export { moduleHash } from './modules.js';
export * from './types.js';

export interface Store {
  readonly path: string;
  /** `host` defaults to this machine's (hostInfo()). */
  beginRun(command: string, options: unknown, host?: HostInfo): number;
  finishRun(runId: number, summary?: unknown): void;
  runs(limit?: number): RunRecord[];
  getRun(runId: number): RunRecord | undefined;
  upsertRuntime(r: NewRuntime): number;
  runtimes(): RuntimeRecord[];
  putModule(bytes: Uint8Array, wat?: string): string;
  getModule(hash: string): ModuleRecord | undefined;
  putCase(c: NewCase): number;
  getCase(id: number): CaseRecord | undefined;
  putOutcome(o: NewOutcome): void;
  outcomes(runId: number): OutcomeRecord[];
  /** Upsert by signature; see findings.ts for the count, module and re-open rules. */
  recordFinding(f: NewFinding, runId: number): { id: number; isNew: boolean; count: number; reopened: boolean };
  /** The representative sightings of a finding, smallest module first. */
  examples(findingId: number): ExampleRecord[];
  listFindings(filter?: FindingFilter): FindingRecord[];
  getFinding(id: number): FindingRecord | undefined;
  sightings(findingId: number): Sighting[];
  markFixed(id: number, fixedIn: Record<string, string>, runId: number): void;
  setStatus(id: number, status: FindingStatus): void;
  putSpecResults(runId: number, rows: SpecRow[]): void;
  specMatrix(runId?: number): SpecMatrix | undefined;
  putTimings(rows: TimingRow[]): void;
  timings(runId: number): TimingRow[];
  wallTimings(runId: number): WallSample[];
  wallRunsBefore(runId: number): number[];
  putCoverage(runId: number, counts: Map<string, number>): void;
  coverage(runId?: number): Map<string, number>;
  /** Runs `fn` in one write transaction (nested calls become savepoints); a throw rolls it all back. */
  transaction<T>(fn: () => T): T;
  /** `PRAGMA integrity_check`: ['ok'] for a sound file, otherwise the problems found. */
  integrityCheck(): string[];
  close(): void;
}

/**
 * Opens the store at `path`, creating (unless `create: false`) and migrating
 * it as needed. Throws StoreError for a file it cannot use.
 */
export function openStore(path: string, options?: OpenOptions): Store {
  const db = openDatabase(path, options);
  // BEGIN IMMEDIATE takes the write lock first, so two writers wait for each
  // other (busy timeout) instead of one failing when it upgrades a read lock
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();
  const ctx: StoreContext = { db, path, tx };
  const modules = modulesApi(ctx);
  const store: Store = {
    path,
    ...runsApi(ctx),
    ...runtimesApi(ctx),
    ...modules,
    ...casesApi(ctx),
    ...findingsApi(ctx, modules.putModule),
    ...specResultsApi(ctx),
    ...timingsApi(ctx),
    ...coverageApi(ctx),
    transaction: tx,
    integrityCheck: () => integrityCheck(db),
    close: () => db.close(),
  };
  return guarded(store, path);
}

/** The problems `PRAGMA integrity_check` finds, or the damage that stops it from running. */
function integrityCheck(db: Database.Database): string[] {
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (err) {
    const code = String((err as { code?: unknown }).code);
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return [(err as Error).message];
    throw err;
  }
}

/** Every method rethrows SQLite errors as StoreError naming the file (a corrupt page may only show when read). */
function guarded(store: Store, path: string): Store {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      out[name] = value;
      continue;
    }
    out[name] = (...args: unknown[]) => {
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        throw explainSqliteError(path, err);
      }
    };
  }
  return out as unknown as Store;
}
