// One timed process for `wasmdiff bench`: wall-clock time measured here around
// the whole process, and peak resident memory (ru_maxrss of the waited child)
// from GNU time, which writes it to a file of its own so that the program's
// stderr cannot garble it. The command is an argv array run through
// runProcess (no shell, own process group, killed on timeout).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRun, Phase } from './bench-runner.js';
import { runProcess, type ProcessResult } from './process.js';

export const GNU_TIME = '/usr/bin/time';

export interface TimedProcess extends ProcessResult {
  /** Wall-clock milliseconds from spawning GNU time to the end of the process. */
  wallMs: number;
  /** Peak resident set size in KiB (GNU time's %M); undefined when the process was killed. */
  rssKb?: number;
  /** The command that ran (without the GNU time prefix): the reproduction. */
  argv: string[];
}

/** Why timed runs cannot happen here, or undefined when they can. */
export function timedUnavailable(): string | undefined {
  return existsSync(GNU_TIME) ? undefined : `GNU time is not installed at ${GNU_TIME} (apt-get install time, or npm run setup)`;
}

let counter = 0;

export async function runTimed(argv: readonly string[], options: { timeoutMs: number; scratch: string; cwd?: string }): Promise<TimedProcess> {
  const missing = timedUnavailable();
  if (missing !== undefined) throw new Error(missing);
  const report = join(options.scratch, `time-${process.pid}-${counter++}.txt`);
  const started = performance.now();
  const r = await runProcess([GNU_TIME, '-f', '%M', '-o', report, '--', ...argv], {
    timeoutMs: options.timeoutMs,
    maxOutputBytes: 4 << 20,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const wallMs = performance.now() - started;
  const rssKb = readRss(report);
  rmSync(report, { force: true });
  // GNU time exits with the child's status; a child killed by a signal makes it
  // report "Command terminated by signal N" and exit 128+N
  return { ...r, argv: [...argv], wallMs, ...(rssKb === undefined ? {} : { rssKb }) };
}

/** The last line of GNU time's report is the %M figure; earlier lines say how the command ended. */
function readRss(report: string): number | undefined {
  if (!existsSync(report)) return undefined;
  const last = readFileSync(report, 'utf8').trim().split('\n').pop() ?? '';
  return /^\d+$/.test(last) ? Number(last) : undefined;
}

/**
 * A finished timed process as a bench run: exit 0 is a run (its stdout holds
 * the checksum); a timeout or any other end is said as such.
 */
export function benchRunOf(r: TimedProcess, timeoutMs: number, phases: Partial<Record<Phase, number>> = {}): BenchRun {
  if (r.timedOut) return { kind: 'timeout', limitMs: timeoutMs };
  if (r.spawnError !== undefined) return { kind: 'failed', reason: r.spawnError };
  if (r.exitCode !== 0) {
    const how = r.signal !== undefined ? `killed by ${r.signal}` : `exit status ${r.exitCode}`;
    const said = lastLine(r.stderr) || lastLine(r.stdout);
    const signal = crashSignal(r);
    if (signal !== undefined) return { kind: 'crash', reason: `${how} (${signal})${fatalLine(r.stderr)}`, argv: r.argv, signal, stderr: r.stderr.slice(-8000) };
    return { kind: 'failed', reason: said ? `${how}: ${said}` : how };
  }
  return { kind: 'ok', argv: r.argv, wallMs: r.wallMs, ...(r.rssKb === undefined ? {} : { rssKb: r.rssKb }), phases, stdout: r.stdout };
}

// Signals a runtime dies of by itself (a fault or an abort), not the SIGKILL of a timeout
const CRASH_SIGNALS: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV' };

/**
 * The signal that ended the engine's process, when it crashed. GNU time
 * exits with 128+N when the command it waited for died of signal N (and
 * says "Command terminated by signal N" in its report, not on stderr).
 */
function crashSignal(r: TimedProcess): string | undefined {
  if (r.signal !== undefined) return Object.values(CRASH_SIGNALS).includes(r.signal) ? r.signal : undefined;
  return r.exitCode !== undefined && r.exitCode > 128 ? CRASH_SIGNALS[r.exitCode - 128] : undefined;
}

/** V8's and other engines' own words on a fatal error, when they said any: `: <line>`. */
function fatalLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => /fatal|Check failed|Segmentation|panicked|Aborted/i.test(l));
  return line === undefined ? '' : `: ${line.trim().slice(0, 200)}`;
}

function lastLine(text: string): string {
  return (text.trim().split('\n').pop() ?? '').slice(0, 300);
}

/** The line a child that times its own phases writes last on stderr, before the phases as JSON. */
export const PHASES_MARK = 'wasmdiff-phases ';

/** A timed run of a child that reports its phases (v8/bench-engine.ts, reference/bench-child.ts): a good run without them is a failure. */
export function benchRunWithPhases(r: TimedProcess, timeoutMs: number, who: string): BenchRun {
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith(PHASES_MARK));
  const run = benchRunOf(r, timeoutMs, line === undefined ? {} : (JSON.parse(line.slice(PHASES_MARK.length)) as Record<Phase, number>));
  return run.kind === 'ok' && line === undefined ? { kind: 'failed', reason: `${who} exited without reporting its phases` } : run;
}
