// The one error the store throws at its users: a single line that names the
// database file and says what to do, so the CLI prints it without a stack
// trace (StoreError is a UserError, see harness/cli/run.ts).
import { UserError } from '../../adapters/project.js';

export class StoreError extends UserError {
  override name = 'StoreError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** SQLite result codes (better-sqlite3's SqliteError.code) and what they mean for a user. */
const EXPLAINED: Record<string, string> = {
  SQLITE_CORRUPT: 'is corrupt; restore it from a backup or pass --db with a new file',
  SQLITE_NOTADB: 'is corrupt or not a SQLite database; restore it from a backup or pass --db with another file',
  SQLITE_BUSY: 'is locked by another process for too long; retry when the other wasmdiff run has finished',
  SQLITE_LOCKED: 'is locked; retry when the other wasmdiff run has finished',
  SQLITE_READONLY: 'is read-only; check its permissions (and those of its folder) or pass --db with another file',
  SQLITE_FULL: 'cannot grow: the disk is full; free space and run again',
  SQLITE_CANTOPEN: 'cannot be opened; check that its folder exists and is writable',
  SQLITE_PERM: 'cannot be accessed: permission denied',
  SQLITE_IOERR: 'could not be read or written (I/O error); check the disk',
};

/**
 * Turns an error from SQLite into a StoreError naming `path`; returns
 * anything else (a bug, a StoreError already) unchanged.
 */
export function explainSqliteError(path: string, err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  const what = EXPLAINED[base];
  const detail = (err as Error).message.split('\n')[0];
  return new StoreError(path, what ? `database ${path} ${what} (${detail})` : `database ${path}: ${detail} (${code})`);
}
