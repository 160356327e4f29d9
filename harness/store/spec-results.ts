// Spec testsuite results: per run, runtime and .wast file, how many commands
// passed, failed or were unsupported and why; read back as a matrix of
// files by runtimes for the conformance report.
import { fromJson, toJson } from './json.js';
import { toRuntimeRecord } from './runtimes.js';
import type { SpecMatrix, SpecRow, StoreContext } from './types.js';

export function specResultsApi({ db, tx }: StoreContext) {
  const put = db.prepare(
    `INSERT OR REPLACE INTO spec_results (run_id, runtime_id, file, passed, failed, unsupported, reasons)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const latest = db.prepare(`SELECT MAX(run_id) FROM spec_results`).pluck();
  const runtimesOf = db.prepare(
    `SELECT * FROM runtimes WHERE id IN (SELECT runtime_id FROM spec_results WHERE run_id = ?) ORDER BY name, id`,
  );
  const rowsOf = db.prepare(
    `SELECT s.file, r.name, s.passed, s.failed, s.unsupported, s.reasons
     FROM spec_results s JOIN runtimes r ON r.id = s.runtime_id
     WHERE s.run_id = ? ORDER BY s.file, r.name`,
  );
  return {
    /** Stores a run's spec results in one transaction; a row for the same run, runtime and file replaces the earlier one. */
    putSpecResults(runId: number, rows: SpecRow[]): void {
      tx(() => {
        for (const r of rows) put.run(runId, r.runtimeId, r.file, r.passed, r.failed, r.unsupported, toJson(r.reasons));
      });
    },
    /** The files x runtimes matrix of run `runId`, by default the latest run with spec results; undefined when there is none. */
    specMatrix(runId?: number): SpecMatrix | undefined {
      const id = runId ?? (latest.get() as number | null);
      if (id === null) return undefined;
      const runtimes = (runtimesOf.all(id) as Parameters<typeof toRuntimeRecord>[0][]).map(toRuntimeRecord);
      if (runtimes.length === 0) return undefined;
      const rows: SpecMatrix['rows'] = [];
      const all = rowsOf.all(id) as { file: string; name: string; passed: number; failed: number; unsupported: number; reasons: string }[];
      for (const r of all) {
        if (rows.at(-1)?.file !== r.file) rows.push({ file: r.file, cells: {} });
        rows.at(-1)!.cells[r.name] = {
          passed: r.passed,
          failed: r.failed,
          unsupported: r.unsupported,
          reasons: fromJson(r.reasons),
        };
      }
      return { runId: id, runtimes, rows };
    },
  };
}
