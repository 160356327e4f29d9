// Reading and writing the user's files with errors that name the file and
// say what went wrong in one line (no stack traces for a missing path).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../adapters/project.js';

export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${reason(err)}`);
  }
}

export function readText(path: string): string {
  return readInput(path).toString('utf8');
}

/**
 * Writes the whole file or nothing: into a temporary name beside it (named
 * from the process, never from content), then renamed over the target, so a
 * kill mid-write leaves the previous file intact.
 */
export function writeOutput(path: string, data: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // no temporary file could have been made there
    }
    throw new UserError(`cannot write ${path}: ${reason(err)}`);
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOTDIR') return 'a folder on the path is a file';
  return err instanceof Error ? err.message : String(err);
}
