import { describe, expect, it } from 'vitest';
import { atLeastVersion } from './versions.js';

describe('atLeastVersion', () => {
  it('compares the numbers in version strings', () => {
    expect(atLeastVersion('25.0.1', '25.0.0')).toBe(true);
    expect(atLeastVersion('25.0.0', '25.0.0')).toBe(true);
    expect(atLeastVersion('24.9.9', '25.0.0')).toBe(false);
    expect(atLeastVersion('v20.11.1', '20.9')).toBe(true);
    expect(atLeastVersion('wasmtime 9.0.0', 'wasmtime 10.0.0')).toBe(false);
    expect(atLeastVersion('1.2', '1.2.1')).toBe(false);
  });

  it('is undefined for versions without numbers that differ', () => {
    expect(atLeastVersion('nightly', 'stable')).toBeUndefined();
    expect(atLeastVersion('main', 'main')).toBe(true);
  });
});
