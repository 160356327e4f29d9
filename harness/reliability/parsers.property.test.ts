// The oracle's decoder, validator and text parsers on random and mutated
// input: success or their typed error only (parsers-property.ts). CI-sized;
// parsers.bench.ts runs 100,000 cases of each.
import { describe, it } from 'vitest';
import { PROPERTIES } from './parsers-property.js';

const RUNS = 2000;

describe('front end robustness (only typed errors)', () => {
  for (const [name, run] of Object.entries(PROPERTIES)) {
    it(`${name}: ${RUNS} random and mutated inputs`, { timeout: 120_000 }, () => {
      run(RUNS, 42);
    });
  }
});
