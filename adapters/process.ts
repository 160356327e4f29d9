// Runs one runtime process, safely: arguments as an array (no shell), its own
// process group (detached) so a timeout or an output flood kills the runtime
// AND anything it spawned, capped output, and a result that says how it ended.
// Never rejects for the child's sake: a hung or crashing runtime is a result.
//
// A memory limit is applied without a shell: `prlimit --data=BYTES --`
// (util-linux) is prepended to the argv. RLIMIT_DATA, not RLIMIT_AS: V8 and
// Wasmtime reserve many GiB of PROT_NONE address space for linear memories
// and guard regions, which RLIMIT_AS would refuse; RLIMIT_DATA counts only
// private writable memory, i.e. what the runtime actually uses.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export interface ProcessOptions {
  /** Wall-clock limit; the whole process group is killed with SIGKILL when it passes. */
  timeoutMs: number;
  /** Bytes kept per stream; past it the group is killed and `truncated` set. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Written to the child's stdin (then closed). */
  input?: string | Uint8Array;
  cwd?: string;
  /** Added to the cleaned environment. */
  env?: Record<string, string>;
  /** Caps the process's private writable memory (RLIMIT_DATA) through prlimit; unset: no limit. */
  memoryLimitBytes?: number;
}

export interface ProcessResult {
  /** Exit status; undefined when a signal ended it or it never started. */
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  /** An output stream passed maxOutputBytes (the group was killed). */
  truncated: boolean;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  spawnError?: string;
  /** The process died or failed under its memory limit, by what it said or how it ended (see outOfMemory). */
  outOfMemory?: boolean;
  durationMs: number;
}

/** The environment for runtimes: no slow-start variables for nodes, no Rust backtraces. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RUST_BACKTRACE: '0', ...extra };
  delete env.NODE_EXTRA_CA_CERTS; // adds ~100 ms to every node start
  delete env.NODE_OPTIONS; // the harness's own options (loaders) must not leak into runtimes
  return env;
}

/** 2 GiB: far more than any module's own data needs, far less than a shared machine has. */
export const RUNTIME_MEMORY_LIMIT_BYTES = 2 * 1024 ** 3;

let prlimitPath: string | null | undefined;

/** util-linux prlimit on PATH (or /usr/bin), found once; null when absent. */
export function findPrlimit(): string | null {
  if (prlimitPath !== undefined) return prlimitPath;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin'].filter((d) => d !== '');
  prlimitPath = null;
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'prlimit'), constants.X_OK);
      prlimitPath = join(dir, 'prlimit');
      break;
    } catch {
      // not here
    }
  }
  return prlimitPath;
}

/**
 * The argv that runs `command` under a data-segment limit: an argv prefix,
 * never a shell. Throws when prlimit is missing: running untrusted modules
 * without the limit the caller asked for would be silently unsafe.
 */
export function withMemoryLimit(command: readonly string[], bytes: number): string[] {
  const prlimit = findPrlimit();
  if (prlimit === null) throw new Error('prlimit (util-linux) is not installed: it is needed to cap runtime memory; install util-linux');
  return [prlimit, `--data=${Math.floor(bytes)}`, '--', ...command];
}

// What runtimes and their C/C++/Rust/JS allocators say when an allocation fails.
const OOM_TEXT = /std::bad_alloc|out of memory|Cannot allocate memory|memory allocation of \d+ bytes failed|Allocation failed|allocation failed|ENOMEM/i;

/** Whether a process that ran under a memory limit ended because of it. */
export function limitedOutOfMemory(limited: boolean, exitCode: number | undefined, signal: string | undefined, stdout: string, stderr: string): boolean {
  if (!limited || (exitCode === 0 && signal === undefined)) return false;
  return OOM_TEXT.test(stderr.slice(-4096)) || OOM_TEXT.test(stdout.slice(-4096));
}

export async function runProcess(command: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  const limited = options.memoryLimitBytes !== undefined;
  const argv = limited ? withMemoryLimit(command, options.memoryLimitBytes!) : command;
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('runProcess: empty command');
  const cap = options.maxOutputBytes ?? 1 << 20;
  const started = Date.now();
  const child = execa(file, args, {
    detached: true,
    reject: false,
    buffer: false,
    env: cleanEnv(options.env),
    extendEnv: false,
    cwd: options.cwd,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    ...(options.input === undefined ? {} : { input: options.input }),
  });

  let timedOut = false;
  let truncated = false;
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  const collect = (stream: NodeJS.ReadableStream | null | undefined): Buffer[] => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream?.on('data', (chunk: Buffer) => {
      if (size >= cap) return;
      chunks.push(chunk.subarray(0, cap - size));
      size += chunk.length;
      if (size >= cap) {
        truncated = true;
        killGroup();
      }
    });
    return chunks;
  };
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);

  const result = await child;
  clearTimeout(timer);
  // a runtime may leave children behind in its group: they go with it
  killGroup();
  const spawnError = result.exitCode === undefined && result.signal === undefined ? result.shortMessage : undefined;
  const stdout = Buffer.concat(out).toString('utf8');
  const stderr = Buffer.concat(err).toString('utf8');
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut,
    truncated,
    stdout,
    stderr,
    ...(spawnError === undefined ? {} : { spawnError }),
    outOfMemory: !timedOut && !truncated && limitedOutOfMemory(limited, result.exitCode, result.signal, stdout, stderr),
    durationMs: Date.now() - started,
  };
}
