// Test helpers for driving `wasmdiff fuzz` as a real process and reading
// what it leaves in the store: shared by crash-safety and concurrent-fuzz.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { projectRoot } from '../testsuite.js';

const root = projectRoot();
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface FuzzProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout + stderr). */
  output(): string;
  /** Resolves with the exit status (null when killed by a signal). */
  done: Promise<number | null>;
}

/** Starts `wasmdiff fuzz ARGS` in `cwd`, argv only. */
export function startFuzz(cwd: string, args: string[]): FuzzProcess {
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), 'fuzz', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => text, done };
}

/** The most distinct findings the output reported: progress lines (`N new findings`) or the closing `findings: N new, M distinct`. */
export function reportedFindings(output: string): number {
  let most = 0;
  // progress lines count sightings too (repeats of one finding): only the new, distinct ones count here
  for (const m of output.matchAll(/(\d+) new findings, /g)) most = Math.max(most, Number(m[1]));
  for (const m of output.matchAll(/findings: \d+ new, (\d+) distinct/g)) most = Math.max(most, Number(m[1]));
  return most;
}

/** integrity_check's verdict and the number of findings stored, read-only. */
export function inspectStore(path: string): { integrity: string; findings: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const findings = (db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n;
    return { integrity, findings };
  } finally {
    db.close();
  }
}
