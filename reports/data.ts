// What a report shows, as plain data: `loadReportData` reads it from the
// store, and every HTML section renders from it, so tests can render
// synthetic data without a database. Later sections (trends across runs)
// add fields here and read them in their own loader function.
import type { Store } from '../harness/store/store.js';
import { latestSessionRuns } from '../harness/nightly/session.js';
import { summarisePerformance } from './performance.js';

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
  /** Across all stored runs, oldest first (trends.ts). */
  trends?: TrendData;
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

export function loadReportData(store: Store, now: Date = new Date()): ReportData {
  const runs = store.runs().map(toRunInfo);
  const runtimes = store.runtimes();
  const nameOf = new Map(runtimes.map((r) => [r.id, r.name]));
  const records = store.runs();
  const isNew = newRunTest(records);
  return {
    generatedAt: now.toISOString(),
    source: store.path,
    runs,
    runtimes: runtimes.map((r) => ({ name: r.name, engine: r.engine, version: r.version })),
    matrix: loadMatrix(store, currentSession(records)),
    findings: store.listFindings().map((f) => toFindingInfo(f, isNew)),
    performance: loadPerformance(store, runs, nameOf),
    trends: loadTrends(store),
  };
}

function toRunInfo(r: ReturnType<Store['runs']>[number]): RunInfo {
  return { id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt ?? null, command: r.command };
}

/**
 * The latest spec run's matrix; for a nightly session, the matrix of all its
 * spec runs together (its batches and, merged, its shards), files sorted.
 */
function loadMatrix(store: Store, session: Set<number> | undefined): MatrixData | undefined {
  const parts = session === undefined ? [store.specMatrix()] : [...session].sort((a, b) => a - b).map((id) => store.specMatrix(id));
  const found = parts.filter((m) => m !== undefined);
  if (found.length === 0) return session === undefined ? undefined : loadMatrix(store, undefined);
  const runtimes = [...new Set(found.flatMap((m) => m.runtimes.map((r) => r.name)))];
  const rows = new Map<string, Record<string, MatrixCell>>();
  for (const m of found) for (const row of m.rows) rows.set(row.file, { ...rows.get(row.file), ...row.cells });
  return {
    runId: found.at(-1)!.runId,
    runtimes,
    rows: [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, cells]) => ({ file, cells })),
  };
}

/** The runs of the latest nightly session, when the newest run is one of them. */
function currentSession(runs: ReturnType<Store['runs']>): Set<number> | undefined {
  const session = latestSessionRuns(runs);
  return session !== undefined && runs[0] !== undefined && session.has(runs[0].id) ? session : undefined;
}

function toFindingInfo(f: ReturnType<Store['listFindings']>[number], isNew: (runId: number | null) => boolean): FindingInfo {
  return {
    id: f.id,
    signature: f.signature,
    kind: f.kind,
    summary: f.summary,
    runtimes: f.runtimes,
    count: f.count,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    isNew: isNew(f.firstRunId),
    status: f.status,
    wat: f.wat ?? null,
    details: f.details,
    repro: f.repro,
    fixedIn: f.fixedIn ?? null,
    fixedNow: f.status === 'fixed' && isNew(f.fixedRunId),
  };
}

/**
 * Whether a finding first seen in a run is new: first seen in the latest
 * nightly session (all of its stages, across merged shards) when the newest
 * run belongs to one, else first seen in the newest run.
 */
function newRunTest(runs: ReturnType<Store['runs']>): (runId: number | null) => boolean {
  const session = currentSession(runs);
  const newest = runs[0]?.id;
  if (session !== undefined) return (id) => id !== null && session.has(id);
  return (id) => newest !== undefined && id === newest;
}

/** The timings of the newest run that has any (runs() is newest first). */
function loadPerformance(store: Store, runs: RunInfo[], nameOf: Map<number, string>): PerformanceData | undefined {
  for (const run of runs) {
    const rows = store.timings(run.id);
    if (rows.length === 0) continue;
    const samples = rows.map((t) => ({
      runtime: nameOf.get(t.runtimeId) ?? `runtime #${t.runtimeId}`,
      program: t.program,
      phase: t.phase,
      iteration: t.iteration,
      ms: t.ms,
      rssKb: t.rssKb ?? null,
    }));
    return { runId: run.id, samples };
  }
  return undefined;
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

export function loadTrends(store: Store): TrendData {
  const runs = store.runs().reverse();
  const versionOf = new Map(store.runtimes().map((r) => [r.id, `${r.name} ${r.version}`]));
  const spec = new Map<string, (number | null)[]>();
  const perf = new Map<string, (number | null)[]>();
  const put = (series: Map<string, (number | null)[]>, key: string, k: number, value: number) => {
    if (!series.has(key)) series.set(key, runs.map(() => null));
    series.get(key)![k] = value;
  };
  const findings = store.listFindings();
  const openFindings: number[] = [];
  runs.forEach((run, k) => {
    const m = store.specMatrix(run.id);
    for (const r of m?.runtimes ?? [])
      put(spec, `${r.name} ${r.version}`, k, (m?.rows ?? []).reduce((n, row) => n + (row.cells[r.name]?.passed ?? 0), 0));
    const samples = store.timings(run.id).map((t) => ({ runtime: versionOf.get(t.runtimeId) ?? `runtime #${t.runtimeId}`, program: t.program, phase: t.phase, iteration: t.iteration, ms: t.ms, rssKb: t.rssKb ?? null }));
    if (samples.length > 0) for (const [runtime, g] of Object.entries(summarisePerformance(samples).geomean)) put(perf, runtime, k, g);
    openFindings.push(findings.filter((f) => f.firstRunId !== null && f.firstRunId <= run.id && f.status !== 'known' && !(f.status === 'fixed' && f.fixedRunId !== null && f.fixedRunId <= run.id)).length);
  });
  const series = (m: Map<string, (number | null)[]>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([runtime, values]) => ({ runtime, values }));
  return {
    runs: runs.map((r) => ({ id: r.id, startedAt: r.startedAt, command: r.command })),
    specPassed: series(spec),
    openFindings,
    perfGeomean: series(perf),
  };
}
