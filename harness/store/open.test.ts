// Files the store must refuse, each with one line that names the file and
// says what to do, and without changing the file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../adapters/project.js';
import { openStore, StoreError } from './store.js';
import { SCHEMA_VERSION } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The StoreError opening `path` throws; fails the test when it opens. */
function refusal(path: string): StoreError {
  try {
    openStore(path).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toBeInstanceOf(UserError); // so the CLI prints the line alone, exit 2
    const message = (err as StoreError).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(path);
    return err as StoreError;
  }
  throw new Error(`${path} opened`);
}

/** A store with a few findings, closed (WAL checkpointed into the file). */
function populated(name: string): string {
  const path = join(dir, name);
  const s = openStore(path);
  const run = s.beginRun('fuzz', {});
  for (let i = 0; i < 200; i++)
    s.recordFinding({ signature: `sig ${i}`, kind: 'k', summary: 'x'.repeat(200), runtimes: ['v8'], details: {}, repro: {} }, run);
  s.close();
  return path;
}

function overwrite(path: string, offset: number, length: number): void {
  const bytes = readFileSync(path);
  bytes.fill(0xa5, offset, offset + length);
  writeFileSync(path, bytes);
}

describe('files the store refuses', () => {
  it('a text file: not a SQLite database, and left as it was', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n');
    expect(refusal(path).message).toMatch(/is not a SQLite database.*pass --db with another file/);
    expect(readFileSync(path, 'utf8')).toBe('these are my notes, not a database\n');
  });

  it('a directory', () => {
    const path = join(dir, 'a-folder');
    mkdirSync(path);
    expect(refusal(path).message).toMatch(/is a directory/);
  });

  it('a foreign SQLite database: another application, and left as it was', () => {
    const path = join(dir, 'foreign.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada')`);
    db.close();
    const before = readFileSync(path);
    expect(refusal(path).message).toMatch(/SQLite database of another application.*pass --db with another file/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a database from a newer schema version: upgrade wasmdiff, and left as it was', () => {
    const path = populated('newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(path);
    expect(refusal(path).message).toMatch(new RegExp(`newer wasmdiff \\(schema version ${SCHEMA_VERSION + 1}.*upgrade wasmdiff`));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a corrupt header (page size garbage)', () => {
    const path = populated('bad-header.db');
    overwrite(path, 16, 8);
    expect(refusal(path).message).toMatch(/is corrupt/);
  });

  it('a corrupt schema page', () => {
    const path = populated('bad-schema.db');
    overwrite(path, 100, 3996);
    expect(refusal(path).message).toMatch(/is corrupt/);
  });

  it('a corrupt data page opens, and reading it is a StoreError while integrityCheck names the damage', () => {
    const path = populated('bad-data.db');
    const pageSize = 4096;
    // the findings table's root page: its rows are what listFindings reads
    const db = new Database(path, { readonly: true });
    const root = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'findings'`).pluck().get() as number;
    db.close();
    overwrite(path, (root - 1) * pageSize, pageSize);
    const s = openStore(path);
    try {
      let error: unknown;
      try {
        s.listFindings();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(new RegExp(`database ${path.replace(/[.]/g, '\\.')} is corrupt`));
      expect(s.integrityCheck()).not.toEqual(['ok']);
    } finally {
      s.close();
    }
  });
});

describe('opening for reading', () => {
  it('create: false refuses a missing file instead of creating an empty store', () => {
    const path = join(dir, 'typo.db');
    try {
      openStore(path, { create: false });
      throw new Error('opened');
    } catch (err) {
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toBe(`no wasmdiff database at ${path}; pass --db with the file a spec, fuzz or bench run wrote`);
    }
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });
});
