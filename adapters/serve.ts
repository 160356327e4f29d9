// A persistent runtime process that runs many requests (the serve protocol):
// starting a process per module costs more than running most spec modules,
// and a trap would end a one-shot process, so a runtime host that can serve
// runs every request of an adapter in one process.
//
// Protocol: the server reads one request per line on stdin, its fields
// separated by TAB. For each it prints what the one-shot command would print,
// then `\x1dwasmdiff-end\n` on stderr and `\x1dwasmdiff-end <exit status>\n`
// on stdout. A request that kills the server (crash, memory limit) or runs out
// of time is reported like a one-shot process that ended that way (a
// ProcessResult), and the next request starts a new server. A server may go
// on after a trap within a driver request (continuedRuns says how).
import { execa, type ResultPromise } from 'execa';
import { cleanEnv, limitedOutOfMemory, withMemoryLimit, type ProcessResult } from './process.js';

const END = 0x1d;
const STDOUT_END = /\x1dwasmdiff-end (-?\d+)\n$/;
const STDERR_END = '\x1dwasmdiff-end\n';

export interface ServeOptions {
  /** Caps the server's private writable memory (RLIMIT_DATA) through prlimit. */
  memoryLimitBytes?: number;
  env?: Record<string, string>;
}

export interface RequestOptions {
  timeoutMs: number;
  /** Bytes of output per request past which the server is killed (`truncated`); default 1 MiB. */
  maxOutputBytes?: number;
}

/** What a request's wait is told by the streams and the process. */
type Event = { kind: 'data' } | { kind: 'exit'; exitCode?: number; signal?: string; spawnError?: string };

interface Server {
  child: ResultPromise;
  stdout: Buffer[];
  stderr: Buffer[];
  /** Bytes of output (both streams) since the request began: what the cap counts. */
  received: number;
  /** Wakes the request in flight. */
  notify?: (e: Event) => void;
  exited?: Event & { kind: 'exit' };
}

export class ServedProcess {
  private server: Server | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Servers started so far (a new one after each death, timeout or flood). */
  started = 0;

  constructor(
    private readonly command: readonly string[],
    private readonly options: ServeOptions = {},
  ) {}

  /** Sends one request; requests are served one at a time, in call order. */
  request(fields: readonly string[], o: RequestOptions): Promise<ProcessResult> {
    for (const f of fields) if (/[\t\n]/.test(f)) throw new TypeError(`serve: a request field contains a tab or newline: ${JSON.stringify(f)}`);
    const next = this.queue.then(() => this.exchange(`${fields.join('\t')}\n`, o));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    const s = this.server;
    this.server = undefined;
    if (s === undefined) return;
    s.child.stdin?.end();
    const quit = setTimeout(() => killGroup(s), 2000);
    await s.child;
    clearTimeout(quit);
  }

  private async exchange(line: string, o: RequestOptions): Promise<ProcessResult> {
    const started = Date.now();
    // a server that died while idle did not die of this request: start afresh
    if (this.server?.exited !== undefined) this.server = undefined;
    const s = (this.server ??= this.start());
    s.stdout.length = 0;
    s.stderr.length = 0;
    s.received = 0;
    const cap = o.maxOutputBytes ?? 1 << 20;
    let timedOut = false;
    let truncated = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(s);
    }, o.timeoutMs);
    s.child.stdin?.write(line);
    const exit = await new Promise<(Event & { kind: 'exit' }) | undefined>((resolve) => {
      const check = (e: Event): void => {
        if (e.kind === 'exit') return resolve(e);
        if (s.received > cap) {
          truncated = true;
          killGroup(s);
          return;
        }
        if (ended(s)) resolve(undefined);
      };
      s.notify = check;
      if (s.exited !== undefined) check(s.exited);
      else check({ kind: 'data' });
    });
    clearTimeout(timer);
    s.notify = undefined;
    const stdoutText = Buffer.concat(s.stdout).toString('utf8');
    const stderrText = Buffer.concat(s.stderr).toString('utf8');
    if (exit === undefined) {
      const status = Number(STDOUT_END.exec(stdoutText)![1]);
      return {
        exitCode: status,
        timedOut: false,
        truncated: false,
        stdout: stdoutText.slice(0, stdoutText.lastIndexOf('\x1d')),
        stderr: stderrText.slice(0, stderrText.length - STDERR_END.length),
        durationMs: Date.now() - started,
      };
    }
    // the server is gone: this request ends as a one-shot process would have
    this.server = undefined;
    const limited = this.options.memoryLimitBytes !== undefined;
    return {
      ...(exit.exitCode !== undefined ? { exitCode: exit.exitCode } : {}),
      ...(exit.signal !== undefined ? { signal: exit.signal } : {}),
      ...(exit.spawnError !== undefined ? { spawnError: exit.spawnError } : {}),
      timedOut,
      truncated,
      stdout: stdoutText.slice(0, cap),
      stderr: stderrText.slice(0, cap),
      outOfMemory: !timedOut && !truncated && limitedOutOfMemory(limited, exit.exitCode, exit.signal, stdoutText, stderrText),
      durationMs: Date.now() - started,
    };
  }

  private start(): Server {
    const argv = this.options.memoryLimitBytes !== undefined ? withMemoryLimit(this.command, this.options.memoryLimitBytes) : [...this.command];
    const [file, ...args] = argv;
    const child = execa(file!, args, {
      detached: true, // its own process group: a kill takes whatever it spawned too
      reject: false,
      buffer: false,
      env: cleanEnv(this.options.env),
      extendEnv: false,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    this.started++;
    const s: Server = { child, stdout: [], stderr: [], received: 0 };
    const data = (into: Buffer[]) => (chunk: Buffer) => {
      into.push(chunk);
      s.received += chunk.length;
      s.notify?.({ kind: 'data' });
    };
    child.stdout?.on('data', data(s.stdout));
    child.stderr?.on('data', data(s.stderr));
    child.stdin?.on('error', () => undefined); // a dead server's stdin: the exit event tells
    void child.then((r) => {
      const spawnError = r.exitCode === undefined && r.signal === undefined ? r.shortMessage : undefined;
      s.exited = {
        kind: 'exit',
        ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
        ...(r.signal !== undefined ? { signal: r.signal } : {}),
        ...(spawnError !== undefined ? { spawnError } : {}),
      };
      killGroup(s); // anything it left behind
      s.notify?.(s.exited);
    });
    return s;
  }
}

const NEXT = /\x1ewasmdiff-next (-?\d+)\n/g;

/**
 * A driver request's result split into one result per run: a server that
 * goes on after a trap by itself (on a fresh instance, at the next
 * invocation) ends each stopped run's output with `\x1ewasmdiff-next
 * <status>\n`. The last run ends as the request did; stderr goes with it.
 */
export function continuedRuns(r: ProcessResult): ProcessResult[] {
  const runs: ProcessResult[] = [];
  let from = 0;
  for (const m of r.stdout.matchAll(NEXT)) {
    runs.push({ exitCode: Number(m[1]), timedOut: false, truncated: false, stdout: r.stdout.slice(from, m.index), stderr: '', durationMs: 0 });
    from = m.index + m[0].length;
  }
  runs.push({ ...r, stdout: r.stdout.slice(from) });
  return runs;
}

/** Both end records have arrived (each is the last thing on its stream). */
function ended(s: Server): boolean {
  return endsWithRecord(s.stdout, STDOUT_END) && endsWithRecord(s.stderr, STDERR_END);
}

function endsWithRecord(chunks: readonly Buffer[], record: RegExp | string): boolean {
  const last = chunks[chunks.length - 1];
  if (last === undefined || last[last.length - 1] !== 0x0a) return false;
  // the record is short: the last 40 bytes of the stream hold it
  let from = chunks.length;
  for (let n = 0; from > 0 && n < 40; ) n += chunks[--from]!.length;
  const tail = Buffer.concat(chunks.slice(from)).subarray(-40);
  if (!tail.includes(END)) return false;
  const text = tail.toString('latin1');
  return typeof record === 'string' ? text.endsWith(record) : record.test(text);
}

function killGroup(s: Server): void {
  const pid = s.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
