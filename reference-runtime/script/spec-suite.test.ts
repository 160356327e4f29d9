// The whole WebAssembly 2.0 spec testsuite through the script runner: every
// file must pass every command, with nothing skipped.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { suiteFiles } from '../../harness/testsuite.js';
import { runWastFile } from './run-script.js';

const files = suiteFiles('wasm-2.0');

describe.skipIf(files.length === 0)('spec testsuite wasm-2.0 through the reference interpreter (skipped when WASMDIFF_TESTSUITE / ../shared/testsuite is absent)', () => {
  it('finds the suite files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [basename(f), f]))('%s: 0 failed, 0 skipped', (_name, file) => {
    const r = runWastFile(file);
    const report = r.failures.slice(0, 5).map((f) => `${f.line} ${f.command}: expected ${f.expected}, got ${f.actual}`);
    expect(report).toEqual([]);
    expect(r.failed).toBe(0);
    expect(r.skipped).toBe(0);
    expect(r.passed).toBeGreaterThan(0);
  });
});
