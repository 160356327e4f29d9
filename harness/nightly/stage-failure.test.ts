// A stage that throws does not end the night quietly (issue 15, defect 6):
// the exit status says so, and summary.md and junit.xml show the stage and why.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/adapter.js';
import { createAdapter } from '../../adapters/registry.js';
import { runNightly } from './run-nightly.js';
import { shortNightly } from './test-helpers.js';

const broken: Adapter = {
  id: 'broken',
  engine: 'broken',
  available: async () => ({ ok: true, version: '1' }),
  features: async () => {
    throw new Error('the feature probes could not run: disk full');
  },
  run: async () => {
    throw new Error('disk full');
  },
};

describe('a failed nightly stage', () => {
  it('makes the night fail and is shown in summary.md and junit.xml', async () => {
    const out = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-stage-'));
    const r = await runNightly(shortNightly({ out, runtimes: [createAdapter('reference')!, broken], spec: { files: [], explicit: true }, fuzz: { seed: 1, cases: 2 } }));
    expect(r.stages.find((s) => s.stage === 'fuzz')).toMatchObject({ status: 'failed', note: 'the feature probes could not run: disk full' });
    expect(r.exitCode).toBe(2);
    const md = readFileSync(r.files.markdown, 'utf8');
    expect(md).toMatch(/^## wasmdiff: 1 stage FAILED/);
    expect(md).toContain('| fuzz | **FAILED** |');
    expect(md).toContain('disk full');
    const junit = readFileSync(r.files.junit, 'utf8');
    expect(junit).toMatch(/<testcase classname="wasmdiff.nightly" name="fuzz"[^>]*>\s*<error type="stage-failed" message="fuzz failed: the feature probes could not run: disk full"\/>/);
    expect(junit).toMatch(/<testsuites [^>]*errors="1"/);
  }, 120_000);
});
