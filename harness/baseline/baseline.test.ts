import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineReason, loadBaseline } from './baseline.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-baseline-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadBaseline', () => {
  it('reads signatures with their reasons and matches by signature', () => {
    const b = loadBaseline(file('ok.json', JSON.stringify({ findings: [{ signature: 'abc', reason: ' NaN bits, allowed ' }] })));
    expect(baselineReason(b, 'abc')).toBe('NaN bits, allowed');
    expect(baselineReason(b, 'abd')).toBeUndefined();
  });

  it('is empty when no file is named and the default is absent', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadBaseline().reasons.size).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each([
    ['missing.json', undefined, /cannot read .*missing\.json: no such file/],
    ['bad.json', '{ "findings": [', /bad\.json: not valid JSON/],
    ['shape.json', '[]', /shape\.json: expected an object with a "findings" array/],
    ['nosig.json', '{"findings":[{"reason":"x"}]}', /nosig\.json: findings\[0\] has no "signature"/],
    ['noreason.json', '{"findings":[{"signature":"s"}]}', /noreason\.json: findings\[0\] \(s\) has no "reason"/],
    ['twice.json', '{"findings":[{"signature":"s","reason":"a"},{"signature":"s","reason":"b"}]}', /findings\[1\] repeats signature s/],
  ])('rejects %s with one line naming the file', (name, text, message) => {
    const path = text === undefined ? join(dir, name) : file(name, text);
    let error: Error | undefined;
    try {
      loadBaseline(path);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('UserError');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });
});
