// Reads a report's data (reports/data.ts) from the store: the runs,
// runtimes, the latest conformance matrix (a nightly session's runs as one),
// the findings with their sightings and issue text, the latest timings, and
// the trends across runs. reports/ renders what this returns.
import type { Store } from '../store/store.js';
import { latestSessionRuns } from '../nightly/session.js';
import { summarisePerformance } from '../../reports/performance.js';
import { coverageSummary } from '../fuzz/coverage.js';
import type { FindingInfo, FuzzData, MatrixCell, MatrixData, PerformanceData, ReportData, RunInfo, TrendData } from '../../reports/data.js';
import { isNote } from '../findings/contract.js';
import { issueMarkdown } from '../findings/issue-markdown.js';

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
    findings: store.listFindings().map((f) => toFindingInfo(store, f, isNew, runtimes, records)),
    performance: loadPerformance(store, runs, nameOf),
    trends: loadTrends(store),
    fuzz: loadFuzz(store, records),
  };
}

/** What the fuzz loop stored as its run's summary (harness/fuzz/loop.ts); the newer fields are absent from older runs. */
interface StoredFuzzSummary {
  cases: number;
  seconds: number;
  casesPerSecond: number;
  newFindings: number;
  ran?: Record<string, number>;
  unsupported?: Record<string, number>;
  phases?: Record<string, number>;
  growth?: { cases: number; opcodes: number; triples?: number }[];
  operandCoverage?: { covered: number; total: number };
  trapConditions?: number;
}

/** The newest finished fuzz run with cases, its coverage from the store. */
function loadFuzz(store: Store, runs: ReturnType<Store['runs']>): FuzzData | undefined {
  const run = runs.find((r) => r.command === 'fuzz' && (r.summary as Partial<StoredFuzzSummary> | null)?.cases !== undefined);
  if (run === undefined) return undefined;
  const s = run.summary as StoredFuzzSummary;
  const ran = s.ran ?? {};
  const aside = s.unsupported ?? {};
  const coverage = coverageSummary(store.coverage(run.id));
  return {
    runId: run.id, startedAt: run.startedAt, cases: s.cases, seconds: s.seconds, casesPerSecond: s.casesPerSecond, newFindings: s.newFindings,
    runtimes: [...new Set([...Object.keys(ran), ...Object.keys(aside)])].sort().map((runtime) => ({ runtime, ran: ran[runtime] ?? 0, setAside: aside[runtime] ?? 0 })),
    phases: s.phases ?? {},
    coverage: { executed: coverage.executed, total: coverage.total },
    growth: s.growth ?? [],
    ...(s.operandCoverage === undefined ? {} : { operands: s.operandCoverage }),
    ...(s.trapConditions === undefined ? {} : { trapConditions: s.trapConditions }),
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

function toFindingInfo(
  store: Store,
  f: ReturnType<Store['listFindings']>[number],
  isNew: (runId: number | null) => boolean,
  runtimes: ReturnType<Store['runtimes']>,
  runs: ReturnType<Store['runs']>,
): FindingInfo {
  const examples = store.examples(f.id);
  const sightings = store.sightings(f.id);
  const host = runs.find((r) => r.id === f.lastRunId)?.host;
  return {
    ...(f.family ? { family: f.family } : {}),
    ...(f.culprit ? { culprit: f.culprit } : {}),
    ...(f.operandClass ? { operandClass: f.operandClass } : {}),
    members: f.members,
    note: isNote(f.kind),
    reopened: f.status === 'open' && sightings.some((s) => s.note?.startsWith('re-opened') === true && isNew(s.runId)),
    examples: examples.map((e) => ({ runtime: e.runtime, version: e.version, source: e.source, origin: e.origin, size: e.size, count: e.count, wat: e.wat })),
    markdown: issueMarkdown({ finding: f, examples, runtimes, ...(host ? { host } : {}) }),
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
