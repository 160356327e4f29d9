import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { DecodeError, ValidationError } from '../../reference-runtime/errors.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { mutatedModuleArb } from './mutated-module.js';
import { MALFORMED_BREAKS } from './mutate-malformed.js';
import { INVALID_FAULTS } from './mutate-invalid.js';

function verdictOf(bytes: Uint8Array): 'malformed' | 'invalid' | 'valid' {
  try {
    validateModule(decodeModule(bytes));
    return 'valid';
  } catch (e) {
    if (e instanceof DecodeError) return 'malformed';
    if (e instanceof ValidationError) return 'invalid';
    throw e;
  }
}

describe('mutatedModuleArb', () => {
  const mutants = fc.sample(mutatedModuleArb(), { numRuns: 1000, seed: 99 });

  it('is mostly rejected by the decoder or validator with the intended verdict', () => {
    let hits = 0;
    const byIntent = { invalid: [0, 0], malformed: [0, 0] };
    for (const x of mutants) {
      const v = verdictOf(x.bytes);
      byIntent[x.intent][1]++;
      if (v === x.intent) {
        hits++;
        byIntent[x.intent][0]++;
      }
    }
    const ratio = hits / mutants.length;
    console.log(`mutants with the intended verdict: ${hits}/${mutants.length} (${(ratio * 100).toFixed(1)}%); invalid ${byIntent.invalid.join('/')}, malformed ${byIntent.malformed.join('/')}`);
    expect(ratio).toBeGreaterThan(0.85);
    expect(byIntent.invalid[1]).toBeGreaterThan(300);
    expect(byIntent.malformed[1]).toBeGreaterThan(300);
  });

  it('uses every kind of fault and break', () => {
    const origins = new Set(mutants.map((x) => x.origin));
    for (const f of INVALID_FAULTS) expect(origins.has(`invalid:${f}`), f).toBe(true);
    for (const b of MALFORMED_BREAKS) expect(origins.has(`malformed:${b}`), b).toBe(true);
  });

  it('is deterministic per seed', () => {
    const again = fc.sample(mutatedModuleArb(), { numRuns: 30, seed: 99 });
    again.forEach((x, i) => expect(x.bytes).toEqual(mutants[i]!.bytes));
  });
});
