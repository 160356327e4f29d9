// The decoder's robustness property: on any input, `decodeModule` returns a
// Module or throws a DecodeError, never anything else (no RangeError from a
// hostile length, no TypeError from a missing case, no stack overflow).
// Inputs are random bytes and mutations (bit flips, inserted, deleted and
// overwritten bytes, truncation) of real modules. The runner is exported so a
// benchmark can run it at scale.
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { WASM_2_0, WASM_3_0 } from '../syntax/features.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { sampleModule, sampleModule30, sampleModuleGc } from './sample-module.js';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number }
  | { kind: 'overwrite'; at: number; byte: number }
  | { kind: 'truncate'; at: number };

/** Apply mutations in order; positions are taken modulo the current length. */
export function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const mu of mutations) {
    const at = bytes.length === 0 ? 0 : mu.at % (mu.kind === 'insert' ? bytes.length + 1 : bytes.length);
    if (mu.kind === 'insert') bytes.splice(at, 0, mu.byte);
    else if (bytes.length === 0) continue;
    else if (mu.kind === 'flip') bytes[at]! ^= 1 << mu.bit;
    else if (mu.kind === 'delete') bytes.splice(at, 1);
    else if (mu.kind === 'overwrite') bytes[at] = mu.byte;
    else bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}

/** Bytes that make LEB128s overlong, lengths huge, opcodes unusual and types long-form (0x63/0x64) or grouped (0x4E). */
const interestingByte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, 0xfb, 0xfc, 0xfd, 0x63, 0x64, 0x4e),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: interestingByte }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), byte: interestingByte }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** The header followed by random bytes, so that inputs get past the magic check. */
const headed = fc.uint8Array({ maxLength: 200 }).map((rest) => Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...rest));

export function inputArbitrary(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 8 }))
    .map(([seed, ms]) => mutate(seed, ms));
  return fc.oneof({ arbitrary: mutated, weight: 6 }, { arbitrary: headed, weight: 2 }, { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 });
}

/** The property for one input: a Module or a DecodeError, nothing else, by 3.0 rules and by 2.0 rules. */
export function decodesOrRejects(bytes: Uint8Array): boolean {
  for (const features of [WASM_3_0, WASM_2_0]) {
    try {
      decodeModule(bytes, features);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
  }
  return true;
}

/** Seeds every run has: the sample modules, the 2.0 one with and without its name section, the part-1 one and the GC one. */
export function builtinSeeds(): Uint8Array[] {
  const m = sampleModule();
  return [encodeModule(m, { names: true }), encodeModule(m), encodeModule(sampleModule30()), encodeModule(sampleModuleGc())];
}

export interface FuzzOptions {
  numRuns: number;
  seed?: number;
  /** more real modules to mutate (e.g. the testsuite's binaries) */
  extraSeeds?: readonly Uint8Array[];
}

/** Run the property; throws (with fast-check's counterexample report) when it fails. */
export function runDecodeFuzz(options: FuzzOptions): void {
  const seeds = [...builtinSeeds(), ...(options.extraSeeds ?? [])];
  fc.assert(fc.property(inputArbitrary(seeds), decodesOrRejects), {
    numRuns: options.numRuns,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
