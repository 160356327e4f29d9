// The fuzz loop's source: cases mixed from the generators, deterministic for
// a seed. Valid generated modules carry most of the weight; per-instruction
// cases keep every instruction's boundaries in rotation, mostly many
// instructions per case on a sample of their edges (instruction-sample.ts:
// the source that finds a one-instruction bug soonest); mutated modules test
// decode/validate verdicts (their `module` is the valid base, see
// MutatedModule); wasm-tools smith joins when asked for and installed.
import fc from 'fast-check';
import type { GeneratedCase } from './generated-case.js';
import { instructionCases, instructionsAllowed } from './instruction-cases.js';
import { instructionSampleArb } from './instruction-sample.js';
import { mutatedModuleArb } from './mutated-module.js';
import { smithArb, smithAvailable } from './smith.js';
import { validModuleArb, type GenOptions } from './valid-module.js';

/** Relative weights of the sources (integers; 0 leaves a source out). */
export interface Mix {
  valid: number;
  instruction: number;
  mutated: number;
  smith: number;
}

export const DEFAULT_MIX: Mix = { valid: 50, instruction: 40, mutated: 10, smith: 0 };

/** A case with the verdict a mutated module aims at (absent: the module is valid). */
export type MixedCase = GeneratedCase & { intent?: 'invalid' | 'malformed' };

export function mixedCaseArb(mix: Mix = DEFAULT_MIX, options: GenOptions = {}): fc.Arbitrary<MixedCase> {
  const sources: { weight: number; arbitrary: fc.Arbitrary<MixedCase> }[] = [];
  if (mix.valid > 0) sources.push({ weight: mix.valid, arbitrary: validModuleArb(options) });
  if (mix.instruction > 0) {
    const ops = instructionsAllowed(options);
    const single = fc.integer({ min: 0, max: ops.length - 1 }).map((i) => instructionCases(ops[i]!, options.simd !== false)[0]!);
    // mostly many instructions at once, each on a sample of its boundary arguments (instruction-sample.ts)
    sources.push({ weight: mix.instruction, arbitrary: fc.oneof({ weight: 1, arbitrary: single }, { weight: 4, arbitrary: instructionSampleArb(options) }) });
  }
  if (mix.mutated > 0) {
    const mutated = mutatedModuleArb(options).map((x): MixedCase => ({ module: x.base.module, bytes: x.bytes, invocations: x.base.invocations, origin: x.origin, intent: x.intent }));
    sources.push({ weight: mix.mutated, arbitrary: mutated });
  }
  if (mix.smith > 0 && smithAvailable() !== undefined) sources.push({ weight: mix.smith, arbitrary: smithArb() });
  if (sources.length === 0) throw new RangeError('generateCases: the mix leaves no source');
  return fc.oneof(...sources);
}

export function generateCases(seed: number, count: number, mix: Mix = DEFAULT_MIX, options: GenOptions = {}): MixedCase[] {
  if (count <= 0) return [];
  return fc.sample(mixedCaseArb(mix, options), { seed, numRuns: count });
}
