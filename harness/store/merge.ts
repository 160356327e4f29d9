// Merging stores: the results of several machines (CI shards, nightly jobs)
// into one file. Runs are identified by their uid, runtimes by name and
// version, modules by hash, cases by key, findings by signature; ids are
// renumbered in the target.
//
// Only the runs the target does not hold yet are copied, with their
// outcomes, spec results, timings, coverage and finding sightings, so merging
// the same source twice changes nothing. A finding present on both sides
// gains one count per sighting copied (for disjoint stores: the counts are
// summed), first seen / last seen become the min / max, the smaller module
// wins, and its status is `known` if either side says so, otherwise that of
// the side that saw it last. A finding the source marked fixed, in a run the
// target did not have, after every sighting the target knows of, is marked
// fixed in the target too (a shard's re-check finds fixes without new
// sightings). Each source is merged in one transaction.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { StoreError, explainSqliteError } from './errors.js';
import { openDatabase } from './open.js';
import type { FindingRow } from './findings.js';
import type { RunRow } from './runs.js';

export interface MergeResult {
  /** Findings added to the target or changed in it. */
  findings: number;
  /** Runs copied into the target. */
  runs: number;
}

export function mergeStores(sources: string[], target: string): MergeResult {
  const total: MergeResult = { findings: 0, runs: 0 };
  for (const source of sources) {
    if (!existsSync(source)) throw new StoreError(source, `no wasmdiff database at ${source}; name a store a spec, fuzz or bench run wrote`);
    if (sameFile(source, target)) throw new StoreError(source, `cannot merge ${source} into itself; name another target`);
  }
  const into = openDatabase(target);
  try {
    for (const source of sources) {
      const from = openDatabase(source, { create: false });
      try {
        const r = into.transaction(() => mergeOne(from, into)).immediate();
        total.findings += r.findings;
        total.runs += r.runs;
      } catch (err) {
        throw explainSqliteError(`${source} (merging into ${target})`, err);
      } finally {
        from.close();
      }
    }
  } finally {
    into.close();
  }
  return total;
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

type IdMap = Map<number, number>;

function mergeOne(from: Database.Database, into: Database.Database): MergeResult {
  const { runIds, newRuns } = mergeRuns(from, into);
  const runtimeIds = mergeRuntimes(from, into);
  mergeModules(from, into);
  const caseIds = mergeCases(from, into);
  const isNew = (runId: number) => newRuns.has(runId);
  copyRunRows(from, into, isNew, runIds, runtimeIds, caseIds);
  const findings = mergeFindings(from, into, isNew, runIds);
  return { findings, runs: newRuns.size };
}

function mergeRuns(from: Database.Database, into: Database.Database): { runIds: IdMap; newRuns: Set<number> } {
  const known = into.prepare(`SELECT id FROM runs WHERE uid = ?`).pluck();
  const insert = into.prepare(
    `INSERT INTO runs (uid, started_at, finished_at, command, options, host, summary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const runIds: IdMap = new Map();
  const newRuns = new Set<number>();
  for (const r of from.prepare(`SELECT * FROM runs ORDER BY id`).all() as RunRow[]) {
    const existing = known.get(r.uid) as number | undefined;
    if (existing !== undefined) {
      runIds.set(r.id, existing);
      continue;
    }
    const id = insert.run(r.uid, r.started_at, r.finished_at, r.command, r.options, r.host, r.summary).lastInsertRowid;
    runIds.set(r.id, Number(id));
    newRuns.add(r.id);
  }
  return { runIds, newRuns };
}

function mergeRuntimes(from: Database.Database, into: Database.Database): IdMap {
  // the target's row (and its feature probe) stays when it has one
  const upsert = into.prepare(
    `INSERT INTO runtimes (name, engine, version, features) VALUES (?, ?, ?, ?)
     ON CONFLICT (name, version) DO UPDATE SET engine = runtimes.engine RETURNING id`,
  );
  const ids: IdMap = new Map();
  for (const r of from.prepare(`SELECT * FROM runtimes`).all() as { id: number; name: string; engine: string; version: string; features: string }[])
    ids.set(r.id, (upsert.get(r.name, r.engine, r.version, r.features) as { id: number }).id);
  return ids;
}

function mergeModules(from: Database.Database, into: Database.Database): void {
  const put = into.prepare(
    `INSERT INTO modules (hash, bytes, wat, size) VALUES (@hash, @bytes, @wat, @size)
     ON CONFLICT (hash) DO UPDATE SET wat = COALESCE(modules.wat, excluded.wat)`,
  );
  for (const m of from.prepare(`SELECT * FROM modules`).iterate()) put.run(m as Record<string, unknown>);
}

function mergeCases(from: Database.Database, into: Database.Database): IdMap {
  const put = into.prepare(
    `INSERT INTO cases (key, module_hash, invocations, source, origin) VALUES (@key, @module_hash, @invocations, @source, @origin)
     ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`,
  );
  const ids: IdMap = new Map();
  for (const c of from.prepare(`SELECT * FROM cases`).all() as { id: number }[])
    ids.set(c.id, (put.get(c) as { id: number }).id);
  return ids;
}

/** Outcomes, spec results, timings and coverage of the runs copied now. */
function copyRunRows(
  from: Database.Database,
  into: Database.Database,
  isNew: (runId: number) => boolean,
  runIds: IdMap,
  runtimeIds: IdMap,
  caseIds: IdMap,
): void {
  const copy = (select: string, insert: string, remap: (row: Record<string, unknown>) => unknown[]) => {
    const put = into.prepare(insert);
    for (const row of from.prepare(select).iterate() as IterableIterator<Record<string, unknown>>)
      if (isNew(row.run_id as number)) put.run(...remap(row));
  };
  const run = (row: Record<string, unknown>) => runIds.get(row.run_id as number);
  const runtime = (row: Record<string, unknown>) => runtimeIds.get(row.runtime_id as number);
  copy(
    `SELECT * FROM outcomes`,
    `INSERT OR IGNORE INTO outcomes (case_id, runtime_id, run_id, outcome, duration_ms) VALUES (?, ?, ?, ?, ?)`,
    (r) => [caseIds.get(r.case_id as number), runtime(r), run(r), r.outcome, r.duration_ms],
  );
  copy(
    `SELECT * FROM spec_results`,
    `INSERT OR REPLACE INTO spec_results (run_id, runtime_id, file, passed, failed, unsupported, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    (r) => [run(r), runtime(r), r.file, r.passed, r.failed, r.unsupported, r.reasons],
  );
  copy(
    `SELECT * FROM timings ORDER BY id`,
    `INSERT INTO timings (run_id, runtime_id, program, phase, iteration, ms, rss_kb) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    (r) => [run(r), runtime(r), r.program, r.phase, r.iteration, r.ms, r.rss_kb],
  );
  copy(
    `SELECT * FROM coverage`,
    `INSERT OR REPLACE INTO coverage (run_id, opcode, count) VALUES (?, ?, ?)`,
    (r) => [run(r), r.opcode, r.count],
  );
}

function mergeFindings(from: Database.Database, into: Database.Database, isNew: (runId: number) => boolean, runIds: IdMap): number {
  const bySignature = into.prepare(`SELECT * FROM findings WHERE signature = ?`);
  const sightingsOf = from.prepare(`SELECT run_id, seen_at, note FROM finding_sightings WHERE finding_id = ? ORDER BY id`);
  const sight = into.prepare(`INSERT INTO finding_sightings (finding_id, run_id, seen_at, note) VALUES (?, ?, ?, ?)`);
  const size = into.prepare(`SELECT size FROM modules WHERE hash = ?`).pluck();
  const insert = into.prepare(
    `INSERT INTO findings (signature, kind, summary, runtimes, status, first_seen, last_seen, first_run_id, last_run_id, count,
                           module_hash, wat, details, repro, fixed_in, fixed_run_id, family, culprit, operand_class, members)
     VALUES (@signature, @kind, @summary, @runtimes, @status, @first_seen, @last_seen, @first_run_id, @last_run_id, @count,
             @module_hash, @wat, @details, @repro, @fixed_in, @fixed_run_id, @family, @culprit, @operand_class, @members)`,
  );
  const update = into.prepare(
    `UPDATE findings SET count = @count, first_seen = @first_seen, first_run_id = @first_run_id, last_seen = @last_seen,
       last_run_id = @last_run_id, status = @status, fixed_in = @fixed_in, fixed_run_id = @fixed_run_id,
       module_hash = @module_hash, wat = @wat, details = @details, repro = @repro, runtimes = @runtimes, members = @members
     WHERE id = @id`,
  );
  const examplesOf = from.prepare(`SELECT * FROM finding_examples WHERE finding_id = ?`);
  const example = into.prepare(
    `INSERT INTO finding_examples (finding_id, key, runtime, version, source, origin, size, module_hash, wat, details, repro, count, first_seen, last_seen)
     VALUES (@finding_id, @key, @runtime, @version, @source, @origin, @size, @module_hash, @wat, @details, @repro, @count, @first_seen, @last_seen)
     ON CONFLICT (finding_id, key) DO UPDATE SET count = count + excluded.count, last_seen = MAX(last_seen, excluded.last_seen)`,
  );
  const allSightings = from.prepare(`SELECT count(*) FROM finding_sightings WHERE finding_id = ?`).pluck();
  const fix = into.prepare(`UPDATE findings SET status = 'fixed', fixed_in = ?, fixed_run_id = ? WHERE id = ?`);
  const mapRun = (id: number | null) => (id === null ? null : (runIds.get(id) ?? null));
  let changed = 0;
  for (const src of from.prepare(`SELECT * FROM findings ORDER BY id`).all() as FindingRow[]) {
    const sightings = (sightingsOf.all(src.id) as { run_id: number; seen_at: string; note: string | null }[]).filter((s) =>
      isNew(s.run_id),
    );
    const mapped = {
      ...src,
      first_run_id: mapRun(src.first_run_id),
      last_run_id: mapRun(src.last_run_id),
      fixed_run_id: mapRun(src.fixed_run_id),
    };
    const old = bySignature.get(src.signature) as FindingRow | undefined;
    let id: number;
    if (!old) {
      const { id: _sourceId, ...columns } = mapped;
      id = Number(insert.run(columns).lastInsertRowid);
    } else {
      if (sightings.length === 0) {
        // nothing new was seen; but a run this target lacks may have found it fixed
        if (!fixedSince(src, old, isNew)) continue;
        fix.run(src.fixed_in, mapped.fixed_run_id, old.id);
        changed++;
        continue;
      }
      id = old.id;
      const first = src.first_seen < old.first_seen ? mapped : old;
      const last = src.last_seen > old.last_seen ? mapped : old;
      const smaller =
        mapped.module_hash !== null &&
        (old.module_hash === null || (size.get(mapped.module_hash) as number) < (size.get(old.module_hash) as number));
      const module = smaller ? mapped : old;
      const statusFrom = old.status === 'known' ? old : src.status === 'known' ? mapped : last;
      // sightings count every divergence seen; only the share of the source's runs new to the target is added
      const share = sightings.length / Math.max(1, allSightings.get(src.id) as number);
      update.run({
        id,
        count: old.count + Math.max(sightings.length, Math.round(src.count * share)),
        runtimes: JSON.stringify([...new Set([...(JSON.parse(old.runtimes) as string[]), ...(JSON.parse(src.runtimes) as string[])])].sort()),
        members: mergeMembers(old.members, src.members),
        first_seen: first.first_seen,
        first_run_id: first.first_run_id,
        last_seen: last.last_seen,
        last_run_id: last.last_run_id,
        status: statusFrom.status,
        fixed_in: statusFrom.fixed_in,
        fixed_run_id: statusFrom.fixed_run_id,
        module_hash: module.module_hash,
        wat: module.wat,
        details: module.details,
        repro: module.repro,
      });
    }
    for (const s of sightings) sight.run(id, runIds.get(s.run_id), s.seen_at, s.note);
    for (const e of examplesOf.all(src.id) as Record<string, unknown>[]) example.run({ ...e, finding_id: id });
    changed++;
  }
  return changed;
}

/** Members of both: the earliest first version, the latest last one, the counts summed. */
function mergeMembers(a: string | null, b: string | null): string {
  const x = JSON.parse(a ?? '{}') as Record<string, { first: string; last: string; count: number }>;
  const y = JSON.parse(b ?? '{}') as Record<string, { first: string; last: string; count: number }>;
  const out = { ...x };
  for (const [rt, m] of Object.entries(y)) {
    const o = out[rt];
    out[rt] = o === undefined ? m : { first: o.first, last: m.last, count: o.count + m.count };
  }
  return JSON.stringify(out);
}

/** The source marked an open finding fixed in a run new to the target, knowing every sighting the target has. */
function fixedSince(src: FindingRow, old: FindingRow, isNew: (runId: number) => boolean): boolean {
  return src.status === 'fixed' && old.status === 'open' && src.fixed_run_id !== null && isNew(src.fixed_run_id) && src.last_seen >= old.last_seen;
}
