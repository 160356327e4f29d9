// Shared by the nightly tests: options for a short, deterministic nightly
// (explicit spec files, a fuzz case count instead of time, quiet progress).
import { EMPTY_BASELINE } from '../baseline/baseline.js';
import { suiteDir } from '../testsuite.js';
import { join } from 'node:path';
import type { NightlyOptions } from './run-nightly.js';
import { WHOLE } from './shard.js';

export const SUITE = suiteDir('wasm-2.0');

export function specFile(name: string): string {
  return join(SUITE ?? '', name);
}

export function shortNightly(over: Partial<NightlyOptions> & Pick<NightlyOptions, 'out' | 'runtimes'>): NightlyOptions {
  return {
    // 10 minutes: spec processes get the longest timeout (10 s), so a loaded machine does not turn results into timeouts
    budgetMs: 600_000,
    shard: WHOLE,
    baseline: EMPTY_BASELINE,
    spec: { files: [specFile('i32.wast')], explicit: true },
    fuzz: { seed: 7, cases: 20 },
    bench: false,
    session: `test-${Math.random()}`,
    progress: () => {},
    ...over,
  };
}
