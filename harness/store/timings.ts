// Benchmark timings: one row per run, runtime, program, phase and iteration,
// kept raw so medians and confidence intervals are computed by the reader.
import type { StoreContext, TimingRow } from './types.js';

export function timingsApi({ db, tx }: StoreContext) {
  const put = db.prepare(
    `INSERT INTO timings (run_id, runtime_id, program, phase, iteration, ms, rss_kb) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const ofRun = db.prepare(
    `SELECT run_id AS runId, runtime_id AS runtimeId, program, phase, iteration, ms, rss_kb AS rssKb
     FROM timings WHERE run_id = ? ORDER BY id`,
  );
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
  };
}
