// Migration 3: findings stored before findings were causes (one per runtime,
// instruction sequence and outcome class) re-signed as causes, from what each
// kept (its module, invocations, classes, messages), and the findings of one
// cause merged into the oldest: counts summed, runtimes joined, every merged
// row kept as a representative sighting, its sightings moved, its id kept as
// an alias (so `wasmdiff show OLD_ID` still finds it). Best effort by design:
// a row whose module does not decode is signed from its stored opcodes.
import type Database from 'better-sqlite3';
import type { FindingRow } from './findings.js';
import { fromJson } from './json.js';
import type { MemberRecord } from './types.js';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { benchCause, causeOf, causeSignature, type Cause } from '../findings/cause.js';
import type { FindingKind } from '../findings/contract.js';
import { loadInvocations, type StoredInvocation } from '../conformance/repro.js';

/** A findings row as migration 2 left it (the columns of before causes, and the new ones still empty). */
type Row = FindingRow;

interface StoredDetails {
  source?: string;
  at?: string;
  origin?: string;
  expected?: string;
  actual?: Record<string, string>;
  classes?: { expected: string; actual: string };
  invocations?: StoredInvocation[];
  versions?: Record<string, string>;
}

export function resignFindings(db: Database.Database): void {
  const rows = db.prepare(`SELECT * FROM findings ORDER BY id`).all() as Row[];
  const moduleOf = db.prepare(`SELECT bytes, size FROM modules WHERE hash = ?`);
  const groups = new Map<string, { cause: Cause; rows: Row[] }>();
  for (const row of rows) {
    const cause = storedCause(row, (hash) => moduleOf.get(hash) as { bytes: Buffer; size: number } | undefined);
    const signature = causeSignature(cause);
    const g = groups.get(signature) ?? { cause, rows: [] };
    g.rows.push(row);
    groups.set(signature, g);
  }
  const update = db.prepare(
    `UPDATE findings SET signature = @signature, kind = @kind, family = @family, culprit = @culprit, operand_class = @operand_class,
       runtimes = @runtimes, members = @members, count = @count, first_seen = @first_seen, last_seen = @last_seen,
       first_run_id = @first_run_id, last_run_id = @last_run_id, status = @status, fixed_in = @fixed_in, fixed_run_id = @fixed_run_id
     WHERE id = @id`,
  );
  const example = db.prepare(
    `INSERT OR IGNORE INTO finding_examples (finding_id, key, runtime, version, source, origin, size, module_hash, wat, details, repro, count, first_seen, last_seen)
     VALUES (@finding_id, @key, @runtime, @version, @source, @origin, @size, @module_hash, @wat, @details, @repro, @count, @first_seen, @last_seen)`,
  );
  const moveSightings = db.prepare(`UPDATE finding_sightings SET finding_id = ? WHERE finding_id = ?`);
  // a finding already stored as a cause (migration 4 on) keeps its members and representative sightings
  const hasExamples = db.prepare(`SELECT 1 FROM finding_examples WHERE finding_id = ? LIMIT 1`);
  const moveExamples = db.prepare(`UPDATE OR IGNORE finding_examples SET finding_id = ? WHERE finding_id = ?`);
  const dropExamples = db.prepare(`DELETE FROM finding_examples WHERE finding_id = ?`);
  const alias = db.prepare(`INSERT OR REPLACE INTO finding_aliases (old_id, finding_id) VALUES (?, ?)`);
  const drop = db.prepare(`DELETE FROM findings WHERE id = ?`);
  for (const [signature, { cause, rows: group }] of groups) {
    const survivor = group[0]!;
    const runtimes = [...new Set(group.flatMap((r) => JSON.parse(r.runtimes) as string[]))].sort();
    const members: Record<string, { first: string; last: string; count: number }> = {};
    for (const r of group) {
      const d = JSON.parse(r.details) as StoredDetails;
      if (hasExamples.get(r.id) !== undefined) {
        for (const [rt, m] of Object.entries(storedMembers(r))) {
          const into = (members[rt] ??= { first: m.first, last: m.last, count: 0 });
          into.last = m.last;
          into.count += m.count;
        }
        if (r.id !== survivor.id) {
          moveExamples.run(survivor.id, r.id);
          dropExamples.run(r.id);
        }
        continue;
      }
      for (const rt of JSON.parse(r.runtimes) as string[]) {
        const v = d.versions?.[rt] ?? 'unknown';
        const m = (members[rt] ??= { first: v, last: v, count: 0 });
        m.last = v;
        m.count += r.count;
      }
      const size = r.module_hash === null ? 0 : ((moduleOf.get(r.module_hash) as { size: number } | undefined)?.size ?? 0);
      const runtime = (JSON.parse(r.runtimes) as string[])[0] ?? 'unknown';
      const origin = d.at && d.source === undefined ? d.at : (d.origin ?? d.at ?? `finding ${r.id}`);
      example.run({
        finding_id: survivor.id, key: `${runtime}\0${origin}\0${r.module_hash ?? ''}`, runtime, version: d.versions?.[runtime] ?? null,
        source: d.source ?? 'spec', origin, size, module_hash: r.module_hash, wat: r.wat, details: r.details, repro: r.repro,
        count: r.count, first_seen: r.first_seen, last_seen: r.last_seen,
      });
    }
    const statuses = group.map((r) => r.status);
    const status = statuses.includes('open') ? 'open' : statuses.includes('known') ? 'known' : 'fixed';
    const fixed = status === 'fixed' ? group.reduce<Record<string, string>>((acc, r) => ({ ...acc, ...(r.fixed_in ? (JSON.parse(r.fixed_in) as Record<string, string>) : {}) }), {}) : undefined;
    const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    update.run({
      id: survivor.id, signature, kind: cause.kind, family: cause.family, culprit: cause.culprit, operand_class: cause.operandClass,
      runtimes: JSON.stringify(runtimes), members: JSON.stringify(members), count: group.reduce((n, r) => n + r.count, 0),
      first_seen: group.map((r) => r.first_seen).sort()[0], last_seen: group.map((r) => r.last_seen).sort().at(-1),
      first_run_id: Math.min(...nums(group.map((r) => r.first_run_id))) === Infinity ? null : Math.min(...nums(group.map((r) => r.first_run_id))),
      last_run_id: nums(group.map((r) => r.last_run_id)).length ? Math.max(...nums(group.map((r) => r.last_run_id))) : null,
      status, fixed_in: fixed === undefined ? null : JSON.stringify(fixed), fixed_run_id: status === 'fixed' ? (survivor.fixed_run_id ?? group.find((r) => r.fixed_run_id !== null)?.fixed_run_id ?? null) : null,
    });
    for (const other of group.slice(1)) {
      moveSightings.run(survivor.id, other.id);
      alias.run(other.id, survivor.id);
      drop.run(other.id);
    }
  }
}

/** A cause's members as findings.ts reads them (a row from before causes has none). */
function storedMembers(row: Row): Record<string, MemberRecord> {
  return fromJson<Record<string, MemberRecord> | null>(row.members || '{}') ?? {};
}

/** The cause a finding stored before migration 2 stands for. */
function storedCause(row: Row, moduleOf: (hash: string) => { bytes: Buffer } | undefined): Cause {
  const d = JSON.parse(row.details) as StoredDetails & { program?: string; direction?: string };
  const runtime = (JSON.parse(row.runtimes) as string[])[0] ?? 'unknown';
  if (d.program !== undefined) return benchCause(row.kind, runtime, d.program, d.direction);
  const classes = d.classes ?? { expected: '', actual: '' };
  const kind = storedKind(row.kind, classes);
  let module: Module | undefined;
  const bytes = row.module_hash === null ? undefined : moduleOf(row.module_hash)?.bytes;
  try {
    if (bytes !== undefined) module = decodeModule(new Uint8Array(bytes));
  } catch {
    module = undefined;
  }
  const invocations = loadInvocations(d.invocations ?? []);
  const at = /^invocation (\d+)$/.exec(d.at ?? '');
  const inv = d.source === 'fuzz' ? (at ? invocations[Number(at[1])] : undefined) : invocations.at(-1);
  const nan = /nan:(canonical|arithmetic)/.exec(classes.expected)?.[0] as 'nan:canonical' | 'nan:arithmetic' | undefined;
  const actual = d.actual?.[runtime] ?? '';
  const rule = /^(malformed|invalid|unlinkable|uninstantiable): (.*)$/.exec(classes.expected)?.[2];
  return causeOf({
    divergence: { kind, runtime, expectedClass: classes.expected, actualClass: classes.actual, ...(kind === 'wrong-result' && nan ? { nanRule: nan } : {}), message: actual.replace(/^[\w-]+: /, '') },
    ...(module ? { module } : {}),
    ...(inv ? { invocation: inv } : {}),
    ...(rule !== undefined ? { rule } : {}),
  });
}

function storedKind(kind: string, classes: { expected: string; actual: string }): FindingKind {
  if (kind === 'verdict') {
    if (classes.expected === 'ok') return 'rejects-valid';
    if (classes.actual === 'ok') return classes.expected.startsWith('uninstantiable') ? 'missing-trap' : 'accepts-invalid';
  }
  if (kind === 'crash' && classes.actual === 'resource') return 'exhaustion';
  return kind as FindingKind;
}
