// Crash safety: `wasmdiff fuzz` killed with SIGKILL at 20 seeded random
// moments on one database. After each kill the database passes
// integrity_check and holds at least every finding the killed process had
// reported; then a fuzz run on the same database runs to completion.
// A faulty runtime (adapters/faulty.ts) makes findings actually occur.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../bench/stats.js';
import { inspectStore, reportedFindings, startFuzz } from './fuzz-process.js';

const KILLS = 20;
const RUNTIMES = 'reference,faulty-rem-sign';
// rem_s boundary cases interleaved, so the injected bug is met within the first cases
const FOCUS = ['--focus', 'i32.rem_s'];
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz killed with SIGKILL', () => {
  it(`${KILLS} kill points lose no reported finding, keep the database sound, and the next run resumes`, { timeout: 600_000 }, async () => {
    const db = join(dir, 'fuzz.db');
    const random = prng(20240610);
    let stored = 0;
    for (let k = 0; k < KILLS; k++) {
      // start-up (tsx, store open) takes ~2-4 s: kill anywhere from before the store opens to mid-run
      const delay = 500 + Math.floor(random() * 7000);
      const run = startFuzz(dir, ['--cases', '100000', '--seed', String(k + 1), '--runtimes', RUNTIMES, ...FOCUS, '--db', db, '--timeout', '3000']);
      await new Promise((done) => setTimeout(done, delay));
      run.child.kill('SIGKILL');
      expect(await run.done, `run ${k} ended before its kill: ${run.output()}`).toBeNull();
      const printed = reportedFindings(run.output());
      let after: ReturnType<typeof inspectStore>;
      try {
        after = inspectStore(db);
      } catch (e) {
        // killed before the store was ever created: nothing was reported either
        expect(printed).toBe(0);
        continue;
      }
      expect(after.integrity, `after kill ${k} at ${delay} ms`).toBe('ok');
      // findings are never removed, and what a killed run reported was committed
      expect(after.findings).toBeGreaterThanOrEqual(Math.max(stored, printed));
      stored = after.findings;
    }
    const resumed = startFuzz(dir, ['--cases', '10', '--seed', '99', '--runtimes', RUNTIMES, ...FOCUS, '--db', db]);
    const status = await resumed.done;
    // 0: nothing new, 1: new findings; never 2 (bad input, e.g. a database it cannot open)
    expect([0, 1], resumed.output()).toContain(status);
    expect(resumed.output()).toMatch(/10 cases in/);
    const final = inspectStore(db);
    expect(final.integrity).toBe('ok');
    expect(final.findings).toBeGreaterThanOrEqual(stored);
    // the check above is only worth something if findings were really being written
    expect(final.findings, 'the faulty runtime produced no finding at all').toBeGreaterThan(0);
  });
});
