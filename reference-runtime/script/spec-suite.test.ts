// The 2.0 spec testsuite through the script runner, judged by 2.0 rules:
// every file must pass every command with nothing skipped. The 3.0 files the
// oracle covers run through the CLI in `npm run check` (spec:3.0): deep
// tail-call loops are far slower under vitest's module transform.
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { suiteFiles } from '../../harness/testsuite.js';
import { runWastFile } from './run-script.js';

function suite(name: string, files: string[], atLeast: number): void {
  describe.skipIf(files.length === 0)(`spec testsuite ${name} through the reference interpreter (skipped when WASMDIFF_TESTSUITE / ../shared/testsuite is absent)`, () => {
    it('finds the suite files', () => {
      expect(files.length).toBeGreaterThanOrEqual(atLeast);
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
}

suite('wasm-2.0', suiteFiles('wasm-2.0'), 100);
