// A short end-to-end nightly: reference interpreter, V8, and a runtime with
// an injected i32.rem_s bug, on i32.wast and 20 fuzz cases. It must leave
// the three report files and the database, fail on the new findings, pass
// when the baseline lists them, and stop with a one-line error when the
// environment cannot run it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyAdapter } from '../../adapters/faulty.js';
import { createAdapter } from '../../adapters/registry.js';
import type { Adapter } from '../../adapters/adapter.js';
import { loadBaseline } from '../baseline/baseline.js';
import { openStore } from '../store/store.js';
import { runNightly } from './run-nightly.js';
import { SUITE, shortNightly } from './test-helpers.js';

const runtimes = (): Adapter[] => [createAdapter('reference')!, createAdapter('v8')!, new FaultyAdapter('rem-sign')];
const title = (name: string) => (SUITE ? name : `${name} (skipped: the spec testsuite is absent; set WASMDIFF_TESTSUITE)`);

describe('runNightly', () => {
  it.skipIf(!SUITE)(title('writes report.html, summary.md, junit.xml and the database, and fails on new findings, not on baseline ones'), async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-'));
    const first = await runNightly(shortNightly({ out: join(dir, 'a'), runtimes: runtimes() }));
    for (const f of [first.files.html, first.files.markdown, first.files.junit, first.db]) expect(existsSync(f), f).toBe(true);
    expect(first.db).toBe(join(dir, 'a', 'wasmdiff.db'));
    expect(first.stages.map((s) => [s.stage, s.status])).toEqual([['runtimes', 'ok'], ['spec', 'ok'], ['fuzz', 'ok'], ['bench', 'skipped'], ['reports', 'ok']]);
    expect(first.exitCode).toBe(1);
    expect(first.newFindings).toBeGreaterThan(0);

    const store = openStore(first.db);
    const open = store.listFindings({ status: 'open' });
    const nightly = store.runs().find((r) => r.command === 'nightly')!;
    store.close();
    expect(open.length).toBe(first.newFindings);
    expect(open.every((f) => f.runtimes.includes('faulty-rem-sign'))).toBe(true);
    // the nightly's row ties its stages together (they survive merges by uid)
    expect((nightly.summary as { stageRuns: string[] }).stageRuns).toHaveLength(2);

    const md = readFileSync(first.files.markdown, 'utf8');
    expect(md).toContain(`## wasmdiff: ${first.newFindings} new finding`);
    expect(md).toMatch(/\| faulty-rem-sign \| fault rem-sign \| \d+ \| [1-9]\d* \|/);
    const junit = readFileSync(first.files.junit, 'utf8');
    expect(junit.match(/<failure /g)?.length).toBe(first.newFindings);
    expect(readFileSync(first.files.html, 'utf8')).toContain('<section id="trends">');

    // the same night with every finding in the baseline: reported as known, exit 0
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ findings: open.map((f) => ({ signature: f.signature, reason: 'injected on purpose' })) }));
    const second = await runNightly(shortNightly({ out: join(dir, 'b'), runtimes: runtimes(), baseline: loadBaseline(baseline) }));
    expect(second.exitCode).toBe(0);
    expect(second.knownNew).toBe(open.length);
    const junit2 = readFileSync(second.files.junit, 'utf8');
    expect(junit2).not.toContain('<failure');
    expect(junit2.match(/<skipped message="known \(baseline: injected on purpose\)"\/>/g)?.length).toBe(open.length);
  }, 240_000);

  it('stops with one line when no runtime is present', async () => {
    const absent: Adapter = { id: 'nothing', engine: 'none', available: async () => ({ ok: false, reason: 'not installed', install: '' }), features: async () => ({}), run: async () => { throw new Error('unreachable'); } } as unknown as Adapter;
    const out = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-'));
    await expect(runNightly(shortNightly({ out, runtimes: [absent] }))).rejects.toThrow(/^nightly: no runtime is available; install them with `wasmdiff runtimes install`/);
    expect(existsSync(join(out, 'wasmdiff.db'))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('stops with one line when --out cannot be written (skipped as root, who can write anywhere)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-'));
    chmodSync(parent, 0o500);
    await expect(runNightly(shortNightly({ out: join(parent, 'out'), runtimes: runtimes() }))).rejects.toThrow(/^nightly: cannot write to --out/);
  });

  it('stops with one line when --out is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    await expect(runNightly(shortNightly({ out: file, runtimes: runtimes() }))).rejects.toThrow(/^nightly: cannot write to --out .*taken: .*; name a writable folder$/);
  });
});
