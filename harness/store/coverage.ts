// Opcode coverage: how often each instruction was executed (or generated) in
// a run, so a report can show what the fuzzer never reaches.
import type { StoreContext } from './types.js';

export function coverageApi({ db, tx }: StoreContext) {
  // counts add up: a run may store its coverage batch by batch
  const add = db.prepare(
    `INSERT INTO coverage (run_id, opcode, count) VALUES (?, ?, ?)
     ON CONFLICT (run_id, opcode) DO UPDATE SET count = count + excluded.count`,
  );
  const latest = db.prepare(`SELECT MAX(run_id) FROM coverage`).pluck();
  const ofRun = db.prepare(`SELECT opcode, count FROM coverage WHERE run_id = ? ORDER BY opcode`);
  return {
    /** Adds `counts` (opcode name -> count) to run `runId`'s coverage, in one transaction. */
    putCoverage(runId: number, counts: Map<string, number>): void {
      tx(() => {
        for (const [opcode, count] of counts) add.run(runId, opcode, count);
      });
    },
    /** The coverage of run `runId`, by default of the latest run that stored any; empty when none did. */
    coverage(runId?: number): Map<string, number> {
      const id = runId ?? (latest.get() as number | null);
      const rows = id === null ? [] : (ofRun.all(id) as { opcode: string; count: number }[]);
      return new Map(rows.map((r) => [r.opcode, r.count]));
    },
  };
}
