// Two `wasmdiff fuzz` processes on one database at once: both finish (WAL,
// busy timeout), and every finding either reported is in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectStore, reportedFindings, startFuzz } from './fuzz-process.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-concurrent-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two fuzz processes on one database', () => {
  it('both finish and lose nothing', { timeout: 300_000 }, async () => {
    const db = join(dir, 'shared.db');
    // the boundary cases of the faulted instructions come every other case: each process must find something
    const args = (seed: number) => ['--cases', '25', '--seed', String(seed), '--runtimes', 'reference,faulty-rem-sign,faulty-fill-no-trap', '--focus', 'i32.rem_s,memory.fill', '--db', db];
    const a = startFuzz(dir, args(1));
    const b = startFuzz(dir, args(2));
    const [sa, sb] = await Promise.all([a.done, b.done]);
    expect([0, 1], a.output()).toContain(sa);
    expect([0, 1], b.output()).toContain(sb);
    expect(a.output()).toMatch(/25 cases in/);
    expect(b.output()).toMatch(/25 cases in/);
    const after = inspectStore(db);
    expect(after.integrity).toBe('ok');
    // both sides found something: a test that passes with nothing found on either side proves nothing
    expect(reportedFindings(a.output()), a.output()).toBeGreaterThan(0);
    expect(reportedFindings(b.output()), b.output()).toBeGreaterThan(0);
    // findings are shared by signature: the store holds at least what each saw
    expect(after.findings).toBeGreaterThanOrEqual(Math.max(reportedFindings(a.output()), reportedFindings(b.output())));
  });
});
