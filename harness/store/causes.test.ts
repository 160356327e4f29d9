// Findings are causes: the same run again adds sightings, not findings; a
// fixed finding seen again re-opens (it is not new); and a database written
// before causes migrates, its findings of one cause merged into one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { wasm } from '../compare/scripted-runtime.js';
import { f32bits } from '../../adapters/values.js';
import { causeOf, causeSignature } from '../findings/cause.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { APPLICATION, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { openStore, type NewFinding } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-causes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sighting = (runtime: string, origin: string, version = '1'): NewFinding => ({
  signature: 'cause-1', kind: 'wrong-result', summary: 's', runtimes: [runtime], details: { at: origin }, repro: { [runtime]: `${runtime} driver.wasm` },
  cause: { family: 'wamr', culprit: 'f32.floor', operandClass: 'snan' }, versions: { [runtime]: version },
  sighting: { runtime, version, source: 'spec', origin, count: 2 },
});

describe('findings as causes', () => {
  it('a re-run adds sightings to the same finding and keeps each sighting once', () => {
    const s = openStore(join(dir, 'rerun.db'));
    const r1 = s.beginRun('spec', {});
    const a = s.recordFinding(sighting('wamr-fast', 'f32.wast:1'), r1);
    s.recordFinding(sighting('wamr-classic', 'f32.wast:1'), r1);
    const r2 = s.beginRun('spec', {});
    const again = s.recordFinding(sighting('wamr-fast', 'f32.wast:1'), r2);
    expect(again).toMatchObject({ id: a.id, isNew: false, reopened: false, count: 6 });
    expect(s.listFindings()).toHaveLength(1);
    const f = s.getFinding(a.id)!;
    expect([f.family, f.culprit, f.operandClass, f.runtimes]).toEqual(['wamr', 'f32.floor', 'snan', ['wamr-classic', 'wamr-fast']]);
    expect(f.members['wamr-fast']).toEqual({ first: '1', last: '1', count: 4 });
    expect(s.examples(a.id).map((e) => [e.runtime, e.origin, e.count])).toEqual([['wamr-fast', 'f32.wast:1', 4], ['wamr-classic', 'f32.wast:1', 2]]);
    s.close();
  });

  it('keeps a few representative sightings, the smallest first, one per member at least', () => {
    const s = openStore(join(dir, 'examples.db'));
    const run = s.beginRun('fuzz', {});
    for (let k = 0; k < 8; k++) s.recordFinding({ ...sighting('wamr-fast', `case ${k}`), moduleBytes: wasm(`(module ${'(func)'.repeat(8 - k)})`) }, run);
    s.recordFinding({ ...sighting('wamr-classic', 'case big'), moduleBytes: wasm(`(module ${'(func)'.repeat(20)})`) }, run);
    const kept = s.examples(1);
    expect(kept.length).toBeLessThanOrEqual(6);
    expect(kept.map((e) => e.origin).slice(0, 3)).toEqual(['case 7', 'case 6', 'case 5']);
    expect(kept.some((e) => e.runtime === 'wamr-classic')).toBe(true);
    expect(s.getFinding(1)!.count).toBe(18);
    s.close();
  });

  it('a fixed finding seen again is re-opened, not new', () => {
    const s = openStore(join(dir, 'reopen.db'));
    const r1 = s.beginRun('spec', {});
    const { id } = s.recordFinding(sighting('wamr-fast', 'f32.wast:1', '1'), r1);
    const r2 = s.beginRun('spec', {});
    s.markFixed(id, { 'wamr-fast': '2' }, r2);
    const r3 = s.beginRun('spec', {});
    const seen = s.recordFinding(sighting('wamr-fast', 'f32.wast:1', '2'), r3);
    expect(seen).toMatchObject({ id, isNew: false, reopened: true });
    expect(s.getFinding(id)!.status).toBe('open');
    // seen again later in the same run: still re-opened by this run
    expect(s.recordFinding(sighting('wamr-classic', 'f32.wast:2', '2'), r3)).toMatchObject({ isNew: false, reopened: true });
    s.close();
  });

  it('a database from before causes migrates: findings of one cause merge, old ids stay as aliases', () => {
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.exec(MIGRATIONS[0] as string);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('application', ?)`).run(APPLICATION);
    db.prepare(`INSERT INTO runs (uid, started_at, command, options, host) VALUES ('u', '2025-01-01', 'spec', '{}', '{}')`).run();
    const bytes = Buffer.from(wasm('(module (func (export "floor") (param f32) (result f32) (f32.floor (local.get 0))))'));
    db.prepare(`INSERT INTO modules (hash, bytes, size) VALUES ('h', ?, ?)`).run(bytes, bytes.length);
    const insert = db.prepare(
      `INSERT INTO findings (signature, kind, summary, runtimes, first_seen, last_seen, first_run_id, last_run_id, count, module_hash, details, repro)
       VALUES (?, 'wrong-result', 's', ?, '2025-01-01', '2025-01-01', 1, 1, ?, 'h', ?, '{}')`,
    );
    const details = (at: string, arg: string, rt: string) =>
      JSON.stringify({ at, expected: 'f32:nan:arithmetic', actual: { [rt]: arg }, classes: { expected: 'values(f32:nan:arithmetic)', actual: 'values' }, invocations: [{ export: 'floor', args: [arg] }], versions: { [rt]: '1.1.2' } });
    insert.run('old-1', '["wamr-fast"]', 2, details('f32.wast:10', 'f32:7fa00000', 'wamr-fast'));
    insert.run('old-2', '["wamr-classic"]', 3, details('f32.wast:11', 'f32:ffa00000', 'wamr-classic'));
    insert.run('old-3', '["wamr-fast"]', 1, details('f64.wast:12', 'f32:7f800001', 'wamr-fast'));
    db.prepare(`INSERT INTO finding_sightings (finding_id, run_id, seen_at) VALUES (2, 1, '2025-01-01')`).run();
    db.pragma('user_version = 1');
    db.close();

    const s = openStore(path);
    const all = s.listFindings();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: 1, count: 6, family: 'wamr', operandClass: 'snan', runtimes: ['wamr-classic', 'wamr-fast'] });
    expect(all[0]!.culprit).toMatch(/^NaN result not quieted/);
    expect(s.getFinding(2)!.id).toBe(1);
    expect(s.examples(1)).toHaveLength(3);
    expect(s.sightings(1).map((x) => x.runId)).toEqual([1]);
    expect(s.integrityCheck()).toEqual(['ok']);
    s.close();
  });

  it('a database of causes re-signs when the cause rules sharpen: a new sighting joins the old finding', () => {
    const path = join(dir, 'v3.db');
    const floor = '(module (func (export "floor") (param f32) (result f32) (f32.floor (local.get 0))))';
    const classes = { expected: 'values(f32:nan:arithmetic)', actual: 'values' };
    const s3 = openStore(path);
    const run = s3.beginRun('spec', {});
    // as migration 3 signed it: the NaN rule alone, no operation kind
    const old = { family: 'wamr', culprit: 'NaN result not quieted (spec 4.3.3: an arithmetic NaN is required)', operandClass: 'snan' as const };
    s3.recordFinding({
      ...sighting('wamr-fast', 'f32.wast:10'), signature: 'signed-by-migration-3', cause: old, moduleBytes: wasm(floor),
      details: { at: 'f32.wast:10', expected: 'f32:nan:arithmetic', actual: { 'wamr-fast': 'f32:7fa00000' }, classes, invocations: [{ export: 'floor', args: ['f32:7fa00000'] }], versions: { 'wamr-fast': '1.1.2' } },
    }, run);
    s3.close();
    const raw = new Database(path);
    raw.pragma('user_version = 3');
    raw.close();

    const s = openStore(path);
    const fresh = causeOf({ divergence: { kind: 'wrong-result', runtime: 'wamr-classic', ...{ expectedClass: classes.expected, actualClass: classes.actual }, nanRule: 'nan:arithmetic' }, module: parseWat(floor), invocation: { export: 'floor', args: [f32bits(0x7fa00000)] } });
    expect(fresh.culprit).toMatch(/by rounding/);
    const again = s.recordFinding({ ...sighting('wamr-classic', 'f32.wast:10'), signature: causeSignature(fresh), cause: fresh }, s.beginRun('spec', {}));
    expect(again.isNew).toBe(false);
    expect(s.listFindings()).toHaveLength(1);
    expect(s.getFinding(again.id)!.culprit).toBe(fresh.culprit);
    expect(s.examples(again.id).map((e) => e.runtime).sort()).toEqual(['wamr-classic', 'wamr-fast']);
    expect(s.integrityCheck()).toEqual(['ok']);
    expect(SCHEMA_VERSION).toBe(5);
    s.close();
  });

  it('migration 5 merges the findings of one crash that operand classes of arguments the culprit never takes had split', () => {
    const path = join(dir, 'v4.db');
    const wat = '(module (func (export "f") (param i32) (result externref) ref.null extern))';
    const s4 = openStore(path);
    const run = s4.beginRun('fuzz', {});
    // as migration 4 signed them: the i32 argument's class made two causes of one crash in ref.null
    for (const [operandClass, arg] of [['boundary', 'i32:7fffffff'], ['ordinary', 'i32:00000005']] as const) {
      s4.recordFinding({
        ...sighting('wamr-fast', `case ${operandClass}`), kind: 'crash', signature: `signed-by-migration-4 ${operandClass}`, moduleBytes: wasm(wat),
        cause: { family: 'wamr', culprit: 'ref.null', operandClass },
        details: { source: 'fuzz', at: 'invocation 0', origin: `case ${operandClass}`, expected: 'externref:null', actual: { 'wamr-fast': 'crash: killed by SIGSEGV' }, classes: { expected: 'values(externref)', actual: 'crash' }, invocations: [{ export: 'f', args: [arg] }], versions: { 'wamr-fast': '1.1.2' } },
      }, run);
    }
    expect(s4.listFindings()).toHaveLength(2);
    s4.close();
    const raw = new Database(path);
    raw.pragma('user_version = 4');
    raw.close();

    const s = openStore(path);
    const merged = s.listFindings();
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ culprit: 'ref.null', operandClass: 'ordinary', count: 4 });
    expect(s.examples(merged[0]!.id).map((e) => e.origin).sort()).toEqual(['case boundary', 'case ordinary']);
    expect(s.integrityCheck()).toEqual(['ok']);
    s.close();
  });
});
