// Runtimes: one row per adapter id and engine version, so results name the
// exact build they came from and a new version is a new row.
import { fromJson, toJson } from './json.js';
import type { NewRuntime, RuntimeRecord, StoreContext } from './types.js';

interface RuntimeRow {
  id: number;
  name: string;
  engine: string;
  version: string;
  features: string;
}

export function toRuntimeRecord(r: RuntimeRow): RuntimeRecord {
  return { id: r.id, name: r.name, engine: r.engine, version: r.version, features: fromJson(r.features) };
}

export function runtimesApi({ db }: StoreContext) {
  // features are replaced only when given: a caller that does not probe them keeps the earlier probe
  const upsert = db.prepare(
    `INSERT INTO runtimes (name, engine, version, features) VALUES (@name, @engine, @version, @features)
     ON CONFLICT (name, version) DO UPDATE SET
       engine = excluded.engine,
       features = CASE WHEN @given THEN excluded.features ELSE features END
     RETURNING id`,
  );
  const all = db.prepare(`SELECT * FROM runtimes ORDER BY name, id`);
  return {
    /** Adds or updates the runtime `name` at `version`; returns its id. */
    upsertRuntime(r: NewRuntime): number {
      const row = upsert.get({
        name: r.name,
        engine: r.engine,
        version: r.version,
        features: toJson(r.features ?? {}),
        given: r.features ? 1 : 0,
      }) as { id: number };
      return row.id;
    },
    runtimes(): RuntimeRecord[] {
      return (all.all() as RuntimeRow[]).map(toRuntimeRecord);
    },
  };
}
