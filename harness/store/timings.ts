// Benchmark timings: one row per run, runtime, program, phase and iteration,
// kept raw so medians and confidence intervals are computed by the reader.
import type { StoreContext, TimingRow, WallSample } from './types.js';

export function timingsApi({ db, tx }: StoreContext) {
  const put = db.prepare(
    `INSERT INTO timings (run_id, runtime_id, program, phase, iteration, ms, rss_kb) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const ofRun = db.prepare(
    `SELECT run_id AS runId, runtime_id AS runtimeId, program, phase, iteration, ms, rss_kb AS rssKb
     FROM timings WHERE run_id = ? ORDER BY id`,
  );
  const walls = db.prepare(
    `SELECT r.name AS runtime, r.version, t.program, t.ms
     FROM timings t JOIN runtimes r ON r.id = t.runtime_id
     WHERE t.run_id = ? AND t.phase = 'wall' ORDER BY t.id`,
  );
  const wallRuns = db.prepare(`SELECT DISTINCT run_id AS id FROM timings WHERE phase = 'wall' AND run_id < ? ORDER BY run_id DESC`);
  return {
    /** Appends timing rows in one transaction. */
    putTimings(rows: TimingRow[]): void {
      tx(() => {
        for (const r of rows) put.run(r.runId, r.runtimeId, r.program, r.phase, r.iteration, r.ms, r.rssKb ?? null);
      });
    },
    /** A run's timings in the order they were stored. */
    timings(runId: number): TimingRow[] {
      return ofRun.all(runId) as TimingRow[];
    },
    /** A run's wall times with the runtime (name and version) each was measured on. */
    wallTimings(runId: number): WallSample[] {
      return walls.all(runId) as WallSample[];
    },
    /** The runs before `runId` that stored wall times, newest first. */
    wallRunsBefore(runId: number): number[] {
      return (wallRuns.all(runId) as { id: number }[]).map((r) => r.id);
    },
  };
}
