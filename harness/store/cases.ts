// Cases (a module plus the invocations made on it, with where it came from)
// and the outcome each runtime gave for a case in a run.
import { createHash } from 'node:crypto';
import { fromJson, toJson } from './json.js';
import type { CaseRecord, NewCase, NewOutcome, OutcomeRecord, StoreContext } from './types.js';

export function casesApi({ db }: StoreContext) {
  // the same case put again (every nightly spec run) keeps its id
  const put = db.prepare(
    `INSERT INTO cases (key, module_hash, invocations, source, origin) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET key = excluded.key
     RETURNING id`,
  );
  const getCase = db.prepare(`SELECT * FROM cases WHERE id = ?`);
  const putOutcome = db.prepare(
    `INSERT OR REPLACE INTO outcomes (case_id, runtime_id, run_id, outcome, duration_ms) VALUES (?, ?, ?, ?, ?)`,
  );
  const ofRun = db.prepare(`SELECT * FROM outcomes WHERE run_id = ? ORDER BY case_id, runtime_id`);
  return {
    /** Stores a case (idempotent on module, invocations, source and origin); returns its id. */
    putCase(c: NewCase): number {
      const invocations = toJson(c.invocations);
      const key = createHash('sha256').update([c.moduleHash, invocations, c.source, c.origin].join('\0')).digest('hex');
      return (put.get(key, c.moduleHash, invocations, c.source, c.origin) as { id: number }).id;
    },
    getCase(id: number): CaseRecord | undefined {
      const r = getCase.get(id) as
        | { id: number; module_hash: string; invocations: string; source: string; origin: string }
        | undefined;
      return r && { id: r.id, moduleHash: r.module_hash, invocations: fromJson(r.invocations), source: r.source, origin: r.origin };
    },
    /** Records one runtime's outcome for a case in a run; a second call for the same three replaces it. */
    putOutcome(o: NewOutcome): void {
      putOutcome.run(o.caseId, o.runtimeId, o.runId, toJson(o.outcome), o.durationMs ?? null);
    },
    outcomes(runId: number): OutcomeRecord[] {
      const rows = ofRun.all(runId) as {
        case_id: number;
        runtime_id: number;
        run_id: number;
        outcome: string;
        duration_ms: number | null;
      }[];
      return rows.map((r) => ({
        caseId: r.case_id,
        runtimeId: r.runtime_id,
        runId: r.run_id,
        outcome: fromJson(r.outcome),
        durationMs: r.duration_ms,
      }));
    },
  };
}
