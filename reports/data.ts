// What a report shows, as plain data: `loadReportData` reads it from the
// store, and every HTML section renders from it, so tests can render
// synthetic data without a database. Later sections (trends across runs)
// add fields here and read them in their own loader function.
import type { Store } from '../harness/store/store.js';

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
  const newestRun = runs[0]?.id;
  return {
    generatedAt: now.toISOString(),
    source: store.path,
    runs,
    runtimes: runtimes.map((r) => ({ name: r.name, engine: r.engine, version: r.version })),
    matrix: loadMatrix(store),
    findings: store.listFindings().map((f) => toFindingInfo(f, newestRun)),
    performance: loadPerformance(store, runs, nameOf),
  };
}

function toRunInfo(r: ReturnType<Store['runs']>[number]): RunInfo {
  return { id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt ?? null, command: r.command };
}

function loadMatrix(store: Store): MatrixData | undefined {
  const m = store.specMatrix();
  if (m === undefined) return undefined;
  return { runId: m.runId, runtimes: m.runtimes.map((r) => r.name), rows: m.rows };
}

function toFindingInfo(f: ReturnType<Store['listFindings']>[number], newestRun: number | undefined): FindingInfo {
  return {
    id: f.id,
    kind: f.kind,
    summary: f.summary,
    runtimes: f.runtimes,
    count: f.count,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    isNew: newestRun !== undefined && f.firstRunId === newestRun,
    status: f.status,
    wat: f.wat ?? null,
    details: f.details,
    repro: f.repro,
    fixedIn: f.fixedIn ?? null,
  };
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
