import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessResult } from './process.js';
import { continuedRuns, ServedProcess } from './serve.js';

// A server that speaks the protocol: `say TEXT [STATUS]` prints TEXT (`%n`
// a newline) and ends with STATUS; `warn TEXT` prints on stderr; `die` exits
// 3 mid-request; `hang` never answers; `flood N` prints N bytes; `pid`
// prints its pid.
const SERVER = String.raw`
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const [cmd, arg, status] = line.split('\t');
  const end = (code) => { process.stderr.write('\x1dwasmdiff-end\n'); process.stdout.write('\x1dwasmdiff-end ' + code + '\n'); };
  if (cmd === 'say') { process.stdout.write(arg.replace(/%n/g, '\n')); end(status ?? 0); }
  else if (cmd === 'warn') { process.stderr.write(arg); end(1); }
  else if (cmd === 'die') { process.stdout.write('partial'); process.exit(3); }
  else if (cmd === 'hang') { setInterval(() => {}, 1000); }
  else if (cmd === 'flood') { process.stdout.write('x'.repeat(Number(arg))); end(0); }
  else if (cmd === 'pid') { process.stdout.write(String(process.pid)); end(0); }
});`;

const servers: ServedProcess[] = [];
function server(): ServedProcess {
  const s = new ServedProcess([process.execPath, '-e', SERVER]);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const T = { timeoutMs: 10_000 };

describe('ServedProcess', () => {
  it('serves many requests from one process, each with its own output and status', async () => {
    const s = server();
    const a = await s.request(['say', 'hello%nworld%n'], T);
    const b = await s.request(['say', 'second', '7'], T);
    const c = await s.request(['warn', 'on stderr'], T);
    expect(a).toMatchObject({ exitCode: 0, stdout: 'hello\nworld\n', stderr: '', timedOut: false, truncated: false });
    expect(b).toMatchObject({ exitCode: 7, stdout: 'second' });
    expect(c).toMatchObject({ exitCode: 1, stdout: '', stderr: 'on stderr' });
    expect(s.started).toBe(1);
  });

  it('queues concurrent requests in call order', async () => {
    const s = server();
    const texts = await Promise.all(['1', '2', '3', '4'].map((t) => s.request(['say', t], T)));
    expect(texts.map((r) => r.stdout)).toEqual(['1', '2', '3', '4']);
  });

  it('reports a server that dies like a process that exited, and starts a new one for the next request', async () => {
    const s = server();
    const first = Number((await s.request(['pid'], T)).stdout);
    const died = await s.request(['die'], T);
    expect(died).toMatchObject({ exitCode: 3, stdout: 'partial', timedOut: false });
    const second = Number((await s.request(['pid'], T)).stdout);
    expect(second).not.toBe(first);
    expect(s.started).toBe(2);
  });

  it('does not blame a request for a server that died while idle', async () => {
    const s = server();
    const pid = Number((await s.request(['pid'], T)).stdout);
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await s.request(['say', 'fine'], T)).toMatchObject({ exitCode: 0, stdout: 'fine' });
    expect(s.started).toBe(2);
  });

  it('kills a request that runs out of time and keeps serving', async () => {
    const s = server();
    const hung = await s.request(['hang'], { timeoutMs: 300 });
    expect(hung.timedOut).toBe(true);
    expect(hung.signal).toBe('SIGKILL');
    expect((await s.request(['say', 'after'], T)).stdout).toBe('after');
  });

  it('stops a request whose output passes the cap', async () => {
    const s = server();
    const flood = await s.request(['flood', String(4 << 20)], { timeoutMs: 10_000, maxOutputBytes: 1 << 20 });
    expect(flood.truncated).toBe(true);
    expect(flood.stdout.length).toBeLessThanOrEqual(1 << 20);
    expect((await s.request(['say', 'after'], T)).stdout).toBe('after');
  });

  it('refuses a field that would break the line protocol', () => {
    expect(() => server().request(['say', 'a\tb'], T)).toThrow(/tab or newline/);
  });

  it('reports a command that cannot start as a spawn error', async () => {
    const s = new ServedProcess(['/nonexistent/server']);
    servers.push(s);
    const r = await s.request(['say', 'x'], T);
    expect(r.exitCode).toBeUndefined();
    expect(r.spawnError).toMatch(/ENOENT|nonexistent/);
  });
});

describe('continuedRuns', () => {
  const result = (stdout: string, rest: Partial<ProcessResult> = {}): ProcessResult => ({ exitCode: 0, timedOut: false, truncated: false, stdout, stderr: 'err', durationMs: 5, ...rest });

  it('gives one result per run of a request that went on after traps', () => {
    const runs = continuedRuns(result('@00000000\n[error] trap\n\x1ewasmdiff-next 134\n@00000001\n=\n\x1ewasmdiff-next 134\n!\n'));
    expect(runs.map((r) => [r.stdout, r.exitCode, r.stderr])).toEqual([
      ['@00000000\n[error] trap\n', 134, ''],
      ['@00000001\n=\n', 134, ''],
      ['!\n', 0, 'err'],
    ]);
  });

  it('leaves a request without separators whole, and keeps how the last run ended', () => {
    const killed = result('@00000003\n', { exitCode: undefined, signal: 'SIGSEGV' });
    expect(continuedRuns(killed)).toEqual([killed]);
    expect(continuedRuns(result('a\x1ewasmdiff-next 1\nb', { signal: 'SIGKILL', timedOut: true })).at(-1)).toMatchObject({ stdout: 'b', signal: 'SIGKILL', timedOut: true });
  });
});

