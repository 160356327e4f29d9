// Runs: one row per wasmdiff invocation that stores anything, with the
// command, its options and the host it ran on, so results from different
// machines are never compared as if they were one.
import { randomUUID } from 'node:crypto';
import { cpus, hostname } from 'node:os';
import { fromJson, fromJsonOrNull, toJson } from './json.js';
import type { HostInfo, RunRecord, StoreContext } from './types.js';

export function hostInfo(): HostInfo {
  const cpuList = cpus();
  return {
    hostname: hostname(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

export interface RunRow {
  id: number;
  uid: string;
  started_at: string;
  finished_at: string | null;
  command: string;
  options: string;
  host: string;
  summary: string | null;
}

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    uid: r.uid,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    command: r.command,
    options: fromJson(r.options),
    host: fromJson<HostInfo>(r.host),
    summary: fromJsonOrNull(r.summary),
  };
}

export function runsApi({ db }: StoreContext) {
  const insert = db.prepare(`INSERT INTO runs (uid, started_at, command, options, host) VALUES (?, ?, ?, ?, ?)`);
  const finish = db.prepare(`UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?`);
  const newest = db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`);
  const one = db.prepare(`SELECT * FROM runs WHERE id = ?`);
  return {
    /** Starts a run on `host` (this machine unless said otherwise: a run imported from another); returns its id. */
    beginRun(command: string, options: unknown, host: HostInfo = hostInfo()): number {
      return Number(insert.run(randomUUID(), new Date().toISOString(), command, toJson(options), toJson(host)).lastInsertRowid);
    },
    finishRun(runId: number, summary?: unknown): void {
      finish.run(new Date().toISOString(), summary === undefined ? null : toJson(summary), runId);
    },
    /** The newest runs first. */
    runs(limit = 100): RunRecord[] {
      return (newest.all(limit) as RunRow[]).map(toRecord);
    },
    getRun(runId: number): RunRecord | undefined {
      const row = one.get(runId) as RunRow | undefined;
      return row && toRecord(row);
    },
  };
}
