import { describe, expect, it } from 'vitest';
import { DEFAULT_SUITES, suiteVersions } from './suite-versions.js';

describe('nightly --suite', () => {
  it('defaults to the 3.0 suite', () => {
    expect(suiteVersions(DEFAULT_SUITES)).toEqual(['wasm-3.0']);
  });

  it('takes both, in the order given, each once', () => {
    expect(suiteVersions('3.0, 2.0,3.0')).toEqual(['wasm-3.0', 'wasm-2.0']);
    expect(suiteVersions('2.0')).toEqual(['wasm-2.0']);
  });

  it.each(['1.0', '', 'wasm-3.0'])('refuses %j with one line', (text) => {
    expect(() => suiteVersions(text)).toThrow(/^nightly: --suite (takes|needs) 3\.0, 2\.0 or both \(3\.0,2\.0\)/);
  });
});
