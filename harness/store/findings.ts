// Findings: one row per signature, however often it is re-discovered, with
// one sighting row per (finding, run) so "new since the previous run" and
// "seen in this run" are queries.
//
// A repeat sighting increments count and moves last_seen / last_run_id. It
// replaces the stored module, WAT, details and repro only when it brings a
// smaller module (minimisation improved). Status rule on a repeat:
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
  type FindingFilter,
  type FindingRecord,
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
}

function toRecord(r: FindingRow): FindingRecord {
  return {
    id: r.id,
    signature: r.signature,
    kind: r.kind,
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
  const byId = db.prepare(`SELECT * FROM findings WHERE id = ?`);
  const moduleSize = db.prepare(`SELECT size FROM modules WHERE hash = ?`).pluck();
  const insert = db.prepare(
    `INSERT INTO findings (signature, kind, summary, runtimes, status, first_seen, last_seen, first_run_id, last_run_id,
                           count, module_hash, wat, details, repro)
     VALUES (@signature, @kind, @summary, @runtimes, 'open', @now, @now, @runId, @runId, 1, @moduleHash, @wat, @details, @repro)`,
  );
  const repeat = db.prepare(
    `UPDATE findings SET count = count + 1, last_seen = @now, last_run_id = @runId WHERE id = @id`,
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
    const row = byId.get(id) as FindingRow | undefined;
    if (!row) throw new StoreError(path, `no finding ${id} in ${path}; check the finding id`);
    return row;
  }

  function recordFinding(f: NewFinding, runId: number): { id: number; isNew: boolean; count: number } {
    return tx(() => {
      const now = new Date().toISOString();
      const moduleHash = f.moduleBytes ? putModule(f.moduleBytes, f.wat) : null;
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
            runtimes: toJson(f.runtimes),
            now,
            runId,
          }).lastInsertRowid,
        );
        sight.run(id, runId, now, null);
        return { id, isNew: true, count: 1 };
      }
      repeat.run({ id: old.id, now, runId });
      if (f.moduleBytes && (old.module_hash === null || f.moduleBytes.byteLength < (moduleSize.get(old.module_hash) as number)))
        improve.run({ ...fields, id: old.id });
      let note: string | null = null;
      if (old.status === 'fixed') {
        note = reopenReason(fromJsonOrNull<Record<string, string>>(old.fixed_in) ?? {}, versionsOf(f, runId)) ?? null;
        if (note) reopen.run(old.id);
      }
      sight.run(old.id, runId, now, note);
      return { id: old.id, isNew: false, count: old.count + 1 };
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
      const row = byId.get(id) as FindingRow | undefined;
      return row && toRecord(row);
    },
    sightings(findingId: number): Sighting[] {
      const rows = sightings.all(findingId) as { run_id: number; seen_at: string; note: string | null }[];
      return rows.map((r) => ({ runId: r.run_id, seenAt: r.seen_at, note: r.note }));
    },
    /** Marks a finding fixed in the given versions (runtime name -> version), by run `runId`. */
    markFixed(id: number, fixedIn: Record<string, string>, runId: number): void {
      tx(() => {
        mustExist(id);
        fix.run(toJson(fixedIn), runId, id);
      });
    },
    /** Sets the status; leaving `fixed` clears what it was fixed in. */
    setStatus(id: number, status: FindingStatus): void {
      const checked = checkStatus(path, status);
      tx(() => {
        mustExist(id);
        if (checked !== 'fixed') reopen.run(id);
        setStatus.run(checked, id);
      });
    },
  };
}
