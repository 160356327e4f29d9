// Opening a database file: recognising what it is before touching it,
// setting the connection up for several writing processes, and migrating the
// schema. Every refusal is a StoreError naming the file and what to do.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, explainSqliteError } from './errors.js';
import { APPLICATION, APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Create the file when absent (default true); false for readers, so a mistyped path is an error, not a new empty store. */
  create?: boolean;
}

/** Opens (creating if absent, unless told not to) and migrates the wasmdiff database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  if (options.create === false && !existsSync(path))
    throw new StoreError(path, `no wasmdiff database at ${path}; pass --db with the file a spec, fuzz or bench run wrote`);
  checkFileHeader(path);
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw explainSqliteError(path, err);
  }
  try {
    classify(db, path);
    // WAL lets readers run beside one writer; busy_timeout (above) makes
    // writers from other processes wait for each other instead of failing.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw explainSqliteError(path, err);
  }
}

/** Refuses a file that exists but does not start as a SQLite database does. */
function checkFileHeader(path: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new StoreError(path, `database ${path} is a directory; pass --db with a file name`);
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // created on open
    throw err instanceof StoreError ? err : new StoreError(path, `cannot read database ${path}: ${(err as Error).message}`);
  }
  if (size === 0) return; // an empty file is an empty database to SQLite
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_MAGIC)
    throw new StoreError(path, `${path} is not a SQLite database, so not a wasmdiff store; pass --db with another file or move it away`);
}

/** What the file holds, judged without writing: fresh, ours (any version up to ours), or refused. */
function classify(db: Database.Database, path: string): 'fresh' | 'ours' {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  if (tables.length === 0 && version === 0) return 'fresh';
  const application = tables.includes('meta')
    ? (db.prepare(`SELECT value FROM meta WHERE key = 'application'`).pluck().get() as string | undefined)
    : undefined;
  if (application !== APPLICATION) {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const what = appId !== 0 && appId !== APPLICATION_ID ? `application id 0x${appId.toString(16)}` : 'no wasmdiff meta table';
    throw new StoreError(path, `${path} is a SQLite database of another application (${what}); pass --db with another file`);
  }
  if (version > SCHEMA_VERSION)
    throw new StoreError(
      path,
      `${path} was written by a newer wasmdiff (schema version ${version}, this one knows up to ${SCHEMA_VERSION}); upgrade wasmdiff or pass --db with another file`,
    );
  return 'ours';
}

/**
 * Applies the migrations the file lacks, all in one write transaction, so a
 * failure leaves the file as it was and two processes opening a fresh file
 * at once migrate it once (the second re-reads the version under the lock).
 */
function migrate(db: Database.Database, path: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const state = classify(db, path);
    const from = db.pragma('user_version', { simple: true }) as number;
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    if (state === 'fresh') {
      const meta = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`);
      meta.run('application', APPLICATION);
      meta.run('created_at', new Date().toISOString());
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
