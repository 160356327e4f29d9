// Reading and writing the user's files with errors that name the file and
// say what went wrong in one line (no stack traces for a missing path).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../cli/run.js';

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

export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (err) {
    throw new UserError(`cannot write ${path}: ${reason(err)}`);
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
