import { describe, expect, it } from 'vitest';
import { generateCases } from './generate-cases.js';
import { smithArb, smithAvailable } from './smith.js';
import fc from 'fast-check';
import { validateModule } from '../../reference-runtime/valid/validate.js';

describe('generateCases', () => {
  it('mixes the sources and is deterministic for a seed', () => {
    const a = generateCases(5, 120);
    const b = generateCases(5, 120);
    expect(a).toHaveLength(120);
    expect(a.map((k) => k.bytes)).toEqual(b.map((k) => k.bytes));
    const sources = new Set(a.map((k) => k.origin.split(':')[0]));
    expect([...sources].sort()).toEqual(['instr', 'invalid', 'malformed', 'valid']);
    expect(generateCases(6, 5).map((k) => k.bytes)).not.toEqual(a.slice(0, 5).map((k) => k.bytes));
  });

  it('marks mutants with their intent and keeps valid cases unmarked', () => {
    for (const k of generateCases(11, 60, { valid: 1, instruction: 0, mutated: 1, smith: 0 })) {
      expect(k.intent === undefined).toBe(k.origin === 'valid');
    }
  });

  it('rejects a mix with no source', () => {
    expect(() => generateCases(1, 1, { valid: 0, instruction: 0, mutated: 0, smith: 0 })).toThrow(/no source/);
  });
});

describe.skipIf(smithAvailable() === undefined)('wasm-tools smith source (skipped: wasm-tools is not on PATH)', () => {
  it('produces valid modules with invocations', () => {
    for (const k of fc.sample(smithArb(), { numRuns: 10, seed: 1 })) {
      expect(() => validateModule(k.module)).not.toThrow();
    }
  });
});
