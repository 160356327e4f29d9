import { describe, expect, it } from 'vitest';
import { runProcess } from './process.js';

describe('runProcess', () => {
  it('records exit status and output', async () => {
    const r = await runProcess(['sh', '-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5000 });
    expect([r.exitCode, r.stdout, r.stderr, r.timedOut]).toEqual([3, 'out\n', 'err\n', false]);
  });
  it('kills the whole process group on timeout', async () => {
    const r = await runProcess(['sh', '-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(5000);
  });
  it('caps output and kills the flood', async () => {
    const r = await runProcess(['sh', '-c', 'yes'], { timeoutMs: 5000, maxOutputBytes: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(1000);
  });
  it('reports a command that cannot start', async () => {
    const r = await runProcess(['/nonexistent/runtime'], { timeoutMs: 1000 });
    expect(r.spawnError).toBeDefined();
  });
});
