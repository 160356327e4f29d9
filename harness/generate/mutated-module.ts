// Invalid and malformed modules mutated from small valid generated ones, for
// comparing decode/validate verdicts across runtimes. `intent` is the verdict
// the mutation aims at; `origin` names the mutation.
import fc from 'fast-check';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { Choices, choicesArb } from './choices.js';
import type { GeneratedCase } from './generated-case.js';
import { breakBytes } from './mutate-malformed.js';
import { injectFault } from './mutate-invalid.js';
import { validModuleFrom } from './valid-module.js';
import type { FeatureOptions } from './features.js';

export interface MutatedModule {
  bytes: Uint8Array;
  origin: string;
  intent: 'invalid' | 'malformed';
  /** the valid module the bytes were derived from, with its invocations (run if an engine wrongly accepts the bytes) */
  base: GeneratedCase;
}

/** Small bases: a fault in a small module is easier to read and to attribute. */
const BASE = { maxFuncs: 3, maxBodySize: 60 };

/** Bases are 2.0 modules, with SIMD unless `o.simd` is false (then the mutations add no v128 either). */
export function mutatedModuleArb(o: FeatureOptions = {}): fc.Arbitrary<MutatedModule> {
  // The base is rebuilt from its choice stream inside the mapping, so the in-place edits
  // below never touch a value fast-check keeps for shrinking.
  return fc.tuple(choicesArb(3000, 64), choicesArb(64, 16)).map(([baseChoices, data]) => mutatedFrom(baseChoices, data, o));
}

export function mutatedFrom(baseChoices: readonly number[], data: readonly number[], o: FeatureOptions = {}): MutatedModule {
  const base = validModuleFrom(baseChoices, { ...BASE, simd: o.simd !== false });
  const m = structuredClone(base.module);
  const c = new Choices(data);
  if (c.chance(50)) {
    const fault = injectFault(m, c, o.simd !== false);
    return { bytes: encodeModule(m), origin: `invalid:${fault}`, intent: 'invalid', base };
  }
  const broken = breakBytes(m, c);
  return { bytes: broken.bytes, origin: `malformed:${broken.name}`, intent: 'malformed', base };
}
