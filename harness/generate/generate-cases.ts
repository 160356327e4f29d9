// The fuzz loop's source: cases mixed from the generators, deterministic for
// a seed. Valid generated modules carry most of the weight; per-instruction
// cases keep every instruction's boundaries in rotation; mutated modules test
// decode/validate verdicts (their `module` is the valid base, see
// MutatedModule); wasm-tools smith joins when asked for and installed.
import fc from 'fast-check';
import type { GeneratedCase } from './generated-case.js';
import { instructionCases, instructionsWithCases } from './instruction-cases.js';
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

export const DEFAULT_MIX: Mix = { valid: 80, instruction: 10, mutated: 10, smith: 0 };

/** A case with the verdict a mutated module aims at (absent: the module is valid). */
export type MixedCase = GeneratedCase & { intent?: 'invalid' | 'malformed' };

export function mixedCaseArb(mix: Mix = DEFAULT_MIX, options: GenOptions = {}): fc.Arbitrary<MixedCase> {
  const sources: { weight: number; arbitrary: fc.Arbitrary<MixedCase> }[] = [];
  if (mix.valid > 0) sources.push({ weight: mix.valid, arbitrary: validModuleArb(options) });
  if (mix.instruction > 0) {
    const ops = instructionsWithCases();
    const instr = fc.integer({ min: 0, max: ops.length - 1 }).map((i) => instructionCases(ops[i]!)[0]!);
    sources.push({ weight: mix.instruction, arbitrary: instr });
  }
  if (mix.mutated > 0) {
    const mutated = mutatedModuleArb().map((x): MixedCase => ({ module: x.base.module, bytes: x.bytes, invocations: x.base.invocations, origin: x.origin, intent: x.intent }));
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
