// Findings: one row per cause (its signature), however often and wherever it
// is seen, with one sighting row per (finding, run) so "new since the
// previous run" and "seen in this run" are queries, and a few representative
// sightings (finding_examples, at most MAX_EXAMPLES, the smallest modules
// first, every member runtime kept) with the count of each.
//
// A repeat sighting adds to count and moves last_seen / last_run_id; the
// same sighting again (runtime, origin and module) only counts. The finding's
// own module, WAT, details and repro are its smallest sighting's. Status rule on a repeat:
//  - open and known stay as they are;
//  - fixed re-opens when, for some runtime in fixed_in, the version this
//    sighting ran on is that version or a later one (the fix did not hold),
//    or when no version of those runtimes is known for the sighting (a
//    sighting after a fix is reported rather than hidden). Seen on an older
//    version than the fix, it stays fixed (an old build still has the bug).
//    The sighting's note says why it re-opened; fixed_in is cleared.
import { fromJson, fromJsonOrNull, toJson } from './json.js';
import { StoreError } from './errors.js';
import { atLeastVersion } from './versions.js';
import {
  FINDING_STATUSES,
  type ExampleRecord,
  type FindingFilter,
  type FindingRecord,
  type MemberRecord,
  type FindingStatus,
  type NewFinding,
  type Sighting,
  type StoreContext,
} from './types.js';

export interface FindingRow {
  id: number;
  signature: string;
  kind: string;
  summary: string;
  runtimes: string;
  status: FindingStatus;
  first_seen: string;
  last_seen: string;
  first_run_id: number | null;
  last_run_id: number | null;
  count: number;
  module_hash: string | null;
  wat: string | null;
  details: string;
  repro: string;
  fixed_in: string | null;
  fixed_run_id: number | null;
  family: string | null;
  culprit: string | null;
  operand_class: string | null;
  members: string;
}

/** Representative sightings kept per finding (more when it has more member runtimes). */
export const MAX_EXAMPLES = 5;

interface ExampleRow {
  id: number;
  finding_id: number;
  key: string;
  runtime: string;
  version: string | null;
  source: string;
  origin: string;
  size: number;
  module_hash: string | null;
  wat: string | null;
  details: string;
  repro: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

function toExample(r: ExampleRow): ExampleRecord {
  return {
    id: r.id,
    runtime: r.runtime,
    version: r.version,
    source: r.source,
    origin: r.origin,
    size: r.size,
    moduleHash: r.module_hash,
    wat: r.wat,
    details: fromJson(r.details),
    repro: fromJson(r.repro),
    count: r.count,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}

function toRecord(r: FindingRow): FindingRecord {
  return {
    id: r.id,
    signature: r.signature,
    kind: r.kind,
    family: r.family,
    culprit: r.culprit,
    operandClass: r.operand_class,
    members: fromJson<Record<string, MemberRecord>>(r.members ?? '{}') ?? {},
    summary: r.summary,
    runtimes: fromJson(r.runtimes),
    status: r.status,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    firstRunId: r.first_run_id,
    lastRunId: r.last_run_id,
    count: r.count,
    moduleHash: r.module_hash,
    wat: r.wat,
    details: fromJson(r.details),
    repro: fromJson(r.repro),
    fixedIn: fromJsonOrNull(r.fixed_in),
    fixedRunId: r.fixed_run_id,
  };
}

export function checkStatus(path: string, status: string): FindingStatus {
  if (!(FINDING_STATUSES as readonly string[]).includes(status))
    throw new StoreError(path, `unknown finding status '${status}' (expected ${FINDING_STATUSES.join(', ')})`);
  return status as FindingStatus;
}

export function findingsApi(ctx: StoreContext, putModule: (bytes: Uint8Array, wat?: string) => string) {
  const { db, path, tx } = ctx;
  const bySignature = db.prepare(`SELECT * FROM findings WHERE signature = ?`);
  const byId = db.prepare(`SELECT * FROM findings WHERE id = COALESCE((SELECT finding_id FROM finding_aliases WHERE old_id = @id), @id)`);
  const moduleSize = db.prepare(`SELECT size FROM modules WHERE hash = ?`).pluck();
  const insert = db.prepare(
    `INSERT INTO findings (signature, kind, summary, runtimes, status, first_seen, last_seen, first_run_id, last_run_id,
                           count, module_hash, wat, details, repro, family, culprit, operand_class, members)
     VALUES (@signature, @kind, @summary, @runtimes, 'open', @now, @now, @runId, @runId, @count, @moduleHash, @wat, @details, @repro,
             @family, @culprit, @operandClass, @members)`,
  );
  const repeat = db.prepare(
    `UPDATE findings SET count = count + @count, last_seen = @now, last_run_id = @runId, runtimes = @runtimes, members = @members, repro = @repro WHERE id = @id`,
  );
  const sightedInRun = db.prepare(`SELECT note FROM finding_sightings WHERE finding_id = ? AND run_id = ?`).pluck();
  const examplesOf = db.prepare(`SELECT * FROM finding_examples WHERE finding_id = ? ORDER BY size, id`);
  const exampleByKey = db.prepare(`SELECT id FROM finding_examples WHERE finding_id = ? AND key = ?`).pluck();
  const countExample = db.prepare(`UPDATE finding_examples SET count = count + @count, last_seen = @now, version = COALESCE(@version, version) WHERE id = @id`);
  const dropExample = db.prepare(`DELETE FROM finding_examples WHERE id = ?`);
  const addExample = db.prepare(
    `INSERT INTO finding_examples (finding_id, key, runtime, version, source, origin, size, module_hash, wat, details, repro, count, first_seen, last_seen)
     VALUES (@findingId, @key, @runtime, @version, @source, @origin, @size, @moduleHash, @wat, @details, @repro, @count, @now, @now)`,
  );
  const improve = db.prepare(
    `UPDATE findings SET module_hash = @moduleHash, wat = @wat, details = @details, repro = @repro WHERE id = @id`,
  );
  const reopen = db.prepare(`UPDATE findings SET status = 'open', fixed_in = NULL, fixed_run_id = NULL WHERE id = ?`);
  const sight = db.prepare(`INSERT INTO finding_sightings (finding_id, run_id, seen_at, note) VALUES (?, ?, ?, ?)`);
  const sightings = db.prepare(`SELECT run_id, seen_at, note FROM finding_sightings WHERE finding_id = ? ORDER BY id`);
  const fix = db.prepare(`UPDATE findings SET status = 'fixed', fixed_in = ?, fixed_run_id = ? WHERE id = ?`);
  const setStatus = db.prepare(`UPDATE findings SET status = ? WHERE id = ?`);
  // the versions a run used, from whatever it recorded per runtime
  const runVersions = db.prepare(
    `SELECT name, version FROM runtimes WHERE id IN (
       SELECT runtime_id FROM outcomes WHERE run_id = @runId
       UNION SELECT runtime_id FROM spec_results WHERE run_id = @runId
       UNION SELECT runtime_id FROM timings WHERE run_id = @runId)`,
  );

  /** Why a fixed finding re-opens on this sighting, or undefined when it stays fixed. */
  function reopenReason(fixedIn: Record<string, string>, seen: Record<string, string>): string | undefined {
    const unknown: string[] = [];
    for (const [runtime, fixedVersion] of Object.entries(fixedIn)) {
      const version = seen[runtime];
      if (version === undefined) {
        unknown.push(runtime);
        continue;
      }
      const later = atLeastVersion(version, fixedVersion);
      if (later === true) return `re-opened: seen on ${runtime} ${version}, marked fixed in ${fixedVersion}`;
      if (later === undefined) unknown.push(runtime);
    }
    if (unknown.length === Object.keys(fixedIn).length)
      return `re-opened: seen again after being marked fixed; version of ${unknown.join(', ')} unknown`;
    return undefined;
  }

  function versionsOf(f: NewFinding, runId: number): Record<string, string> {
    if (f.versions) return f.versions;
    const rows = runVersions.all({ runId }) as { name: string; version: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.version]));
  }

  function mustExist(id: number): FindingRow {
    const row = byId.get({ id }) as FindingRow | undefined;
    if (!row) throw new StoreError(path, `no finding ${id} in ${path}; check the finding id`);
    return row;
  }

  /** Keeps the sighting as a representative when it is among the smallest (one per member runtime at least), else only counts it. */
  function keepExample(findingId: number, f: NewFinding, moduleHash: string | null, now: string, count: number): void {
    const runtime = f.sighting?.runtime ?? f.runtimes[0] ?? 'unknown';
    const origin = f.sighting?.origin ?? 'unknown';
    const key = `${runtime}\0${origin}\0${moduleHash ?? ''}`;
    const version = f.sighting?.version ?? f.versions?.[runtime] ?? null;
    const known = exampleByKey.get(findingId, key) as number | undefined;
    if (known !== undefined) {
      countExample.run({ id: known, count, now, version });
      return;
    }
    const size = f.moduleBytes?.byteLength ?? 0;
    const kept = examplesOf.all(findingId) as ExampleRow[];
    if (kept.length >= MAX_EXAMPLES) {
      const perRuntime = (rt: string) => kept.filter((e) => e.runtime === rt).length;
      const newMember = perRuntime(runtime) === 0;
      // the largest one whose runtime keeps another example
      const victim = [...kept].reverse().find((e) => perRuntime(e.runtime) > 1 || e.runtime === runtime);
      if (victim === undefined ? !newMember : !newMember && victim.size <= size) return;
      if (victim !== undefined) dropExample.run(victim.id);
    }
    addExample.run({
      findingId, key, runtime, version, source: f.sighting?.source ?? 'unknown', origin, size, moduleHash, wat: f.wat ?? null,
      details: toJson(f.details), repro: toJson(f.repro), count, now,
    });
  }

  function withMembers(members: Record<string, MemberRecord>, f: NewFinding, count: number): Record<string, MemberRecord> {
    const out = { ...members };
    for (const rt of f.runtimes) {
      const v = f.versions?.[rt] ?? (f.sighting?.runtime === rt ? f.sighting.version : undefined) ?? 'unknown';
      const m = out[rt];
      out[rt] = m === undefined ? { first: v, last: v, count } : { first: m.first, last: v, count: m.count + count };
    }
    return out;
  }

  function recordFinding(f: NewFinding, runId: number): { id: number; isNew: boolean; count: number; reopened: boolean } {
    return tx(() => {
      const now = new Date().toISOString();
      const moduleHash = f.moduleBytes ? putModule(f.moduleBytes, f.wat) : null;
      const count = Math.max(1, f.sighting?.count ?? 1);
      const fields = {
        moduleHash,
        wat: f.wat ?? null,
        details: toJson(f.details),
        repro: toJson(f.repro),
      };
      const old = bySignature.get(f.signature) as FindingRow | undefined;
      if (!old) {
        const id = Number(
          insert.run({
            ...fields,
            signature: f.signature,
            kind: f.kind,
            summary: f.summary,
            runtimes: toJson([...new Set(f.runtimes)].sort()),
            now,
            runId,
            count,
            family: f.cause?.family ?? null,
            culprit: f.cause?.culprit ?? null,
            operandClass: f.cause?.operandClass ?? null,
            members: toJson(withMembers({}, f, count)),
          }).lastInsertRowid,
        );
        sight.run(id, runId, now, null);
        keepExample(id, f, moduleHash, now, count);
        return { id, isNew: true, count, reopened: false };
      }
      const runtimes = [...new Set([...(fromJson<string[]>(old.runtimes) ?? []), ...f.runtimes])].sort();
      // one command per member runtime: a new member's is added; a smaller sighting's replaces its runtime's
      const oldRepro = fromJson<Record<string, string>>(old.repro) ?? {};
      const smaller = f.moduleBytes !== undefined && (old.module_hash === null || f.moduleBytes.byteLength < (moduleSize.get(old.module_hash) as number));
      const repro = toJson(smaller ? { ...oldRepro, ...f.repro } : { ...f.repro, ...oldRepro });
      repeat.run({ id: old.id, now, runId, count, runtimes: toJson(runtimes), members: toJson(withMembers(fromJson(old.members ?? '{}') ?? {}, f, count)), repro });
      if (smaller) improve.run({ ...fields, repro, id: old.id });
      let note: string | null = null;
      if (old.status === 'fixed') {
        note = reopenReason(fromJsonOrNull<Record<string, string>>(old.fixed_in) ?? {}, versionsOf(f, runId)) ?? null;
        if (note) reopen.run(old.id);
      }
      const before = sightedInRun.all(old.id, runId) as (string | null)[];
      if (before.length === 0 || note !== null) sight.run(old.id, runId, now, note);
      keepExample(old.id, f, moduleHash, now, count);
      const reopened = note !== null || before.some((n) => n?.startsWith('re-opened') === true);
      return { id: old.id, isNew: old.first_run_id === runId, count: old.count + count, reopened };
    });
  }

  function listFindings(filter: FindingFilter = {}): FindingRecord[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.status !== undefined) {
      where.push('status = @status');
      params.status = checkStatus(path, filter.status);
    }
    if (filter.kind !== undefined) {
      where.push('kind = @kind');
      params.kind = filter.kind;
    }
    if (filter.runtime !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(findings.runtimes) WHERE value = @runtime)');
      params.runtime = filter.runtime;
    }
    if (filter.sinceRunId !== undefined) {
      where.push('first_run_id > @since');
      params.since = filter.sinceRunId;
    }
    if (filter.seenInRunId !== undefined) {
      where.push('id IN (SELECT finding_id FROM finding_sightings WHERE run_id = @seenIn)');
      params.seenIn = filter.seenInRunId;
    }
    const sql = `SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return (db.prepare(sql).all(params) as FindingRow[]).map(toRecord);
  }

  return {
    recordFinding,
    listFindings,
    getFinding(id: number): FindingRecord | undefined {
      const row = byId.get({ id }) as FindingRow | undefined;
      return row && toRecord(row);
    },
    /** The representative sightings of a finding, smallest module first. */
    examples(findingId: number): ExampleRecord[] {
      return (examplesOf.all(findingId) as ExampleRow[]).map(toExample);
    },
    sightings(findingId: number): Sighting[] {
      const rows = sightings.all(findingId) as { run_id: number; seen_at: string; note: string | null }[];
      return rows.map((r) => ({ runId: r.run_id, seenAt: r.seen_at, note: r.note }));
    },
    /** Marks a finding fixed in the given versions (runtime name -> version), by run `runId`. */
    markFixed(id: number, fixedIn: Record<string, string>, runId: number): void {
      tx(() => {
        const row = mustExist(id);
        fix.run(toJson(fixedIn), runId, row.id);
      });
    },
    /** Sets the status; leaving `fixed` clears what it was fixed in. */
    setStatus(id: number, status: FindingStatus): void {
      const checked = checkStatus(path, status);
      tx(() => {
        const row = mustExist(id);
        if (checked !== 'fixed') reopen.run(row.id);
        setStatus.run(checked, row.id);
      });
    },
  };
}
