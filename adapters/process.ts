// Runs one runtime process, safely: arguments as an array (no shell), its own
// process group (detached) so a timeout or an output flood kills the runtime
// AND anything it spawned, capped output, and a result that says how it ended.
// Never rejects for the child's sake: a hung or crashing runtime is a result.
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
  durationMs: number;
}

/** The environment for runtimes: no slow-start variables for nodes, no Rust backtraces. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RUST_BACKTRACE: '0', ...extra };
  delete env.NODE_EXTRA_CA_CERTS; // adds ~100 ms to every node start
  delete env.NODE_OPTIONS; // the harness's own options (loaders) must not leak into runtimes
  return env;
}

export async function runProcess(command: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  const [file, ...args] = command;
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
  return {
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut,
    truncated,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    ...(spawnError === undefined ? {} : { spawnError }),
    durationMs: Date.now() - started,
  };
}
