// Cutting a batch process's output per driver: each part its own lines, the
// process's ending (exit status, stderr) only on the last driver that started.
import { describe, expect, it } from 'vitest';
import { BATCH_MARKER, splitBatch } from './batch-output.js';
import type { ProcessResult } from './process.js';

const result = (stdout: string, extra: Partial<ProcessResult> = {}): ProcessResult => ({ stdout, stderr: 'Error: trap', exitCode: 134, timedOut: false, truncated: false, durationMs: 30, ...extra });
const marker = (k: number) => `${BATCH_MARKER} ${k}\n`;

describe('splitBatch', () => {
  it('gives each started driver its own output; only the last ends as the process did', () => {
    const parts = splitBatch(result(`noise\n${marker(0)}@00000000\n=\n!\n${marker(1)}@00000000\n`), 3);
    expect(parts.map((p) => p.stdout)).toEqual(['@00000000\n=\n!\n', '@00000000\n']);
    expect(parts.map((p) => [p.exitCode, p.stderr])).toEqual([[0, ''], [134, 'Error: trap']]);
  });

  it('trusts nothing when the markers are out of order or beyond the batch', () => {
    expect(splitBatch(result(`${marker(1)}x\n${marker(0)}y\n`), 2)).toEqual([]);
    expect(splitBatch(result(`${marker(0)}x\n${marker(1)}y\n`), 1)).toEqual([]);
  });

  it('has no part when the process failed before the first driver', () => {
    expect(splitBatch(result('', { exitCode: 1, stderr: 'Error: failed to instantiate' }), 4)).toEqual([]);
  });
});
