// Which features a generated case may use, and how often: SIMD (2.0's v128,
// on or off: `simd`) and each 3.0 feature by weight. The fuzz loop picks a
// profile per case for the runtimes it compares (harness/fuzz/profiles.ts)
// and passes its features at full weight; a module then uses each feature
// it may with the probability below, drawn once, before its shape. A weight
// of 0 (or a feature left out) keeps every construct of the feature out;
// `simd: false` keeps v128 out of everything: types, locals, instructions,
// constants, relaxed SIMD.
import { FEATURES, type Feature } from '../../reference-runtime/syntax/features.js';
import type { OpInfo } from '../../reference-runtime/syntax/opcodes.js';
import type { Choices } from './choices.js';

/** Feature -> weight in [0, 1]; a feature left out has weight 0. */
export type FeatureWeights = Partial<Record<Feature, number>>;

/** Every 3.0 feature at full weight: the oracle alone, or runtimes that all have everything. */
export const ALL_FEATURES: FeatureWeights = Object.fromEntries(FEATURES.map((f) => [f, 1]));

/** What a generator may use: SIMD (default on) and the 3.0 features by weight (default none). */
export interface FeatureOptions {
  /** v128 anywhere (default true: 2.0 has SIMD); false also keeps relaxed SIMD out */
  simd?: boolean;
  /** the 3.0 features by weight (default none: Wasm 2.0) */
  features?: FeatureWeights;
}

/** Whether generated code may contain the instruction: a vector one only with SIMD, a 3.0 one only with its feature weighed in. */
export function allowsInstruction(info: OpInfo, o: FeatureOptions): boolean {
  if (info.prefix === SIMD_PREFIX && o.simd === false) return false;
  return info.feature === undefined || (o.features?.[info.feature] ?? 0) > 0;
}

/** The opcode prefix of the vector instructions (relaxed SIMD's included). */
const SIMD_PREFIX = 0xfd;

/**
 * The chance (percent) that a module uses a feature at full weight: high
 * enough that every construct of every feature runs often, low enough that
 * modules with few features (runnable on more runtimes) stay common.
 */
const USE_PERCENT: Record<Feature, number> = {
  'multi-memory': 35,
  memory64: 30,
  'extended-const': 35,
  'tail-call': 40,
  exceptions: 40,
  'relaxed-simd': 30,
  'function-references': 40,
  gc: 45,
};

/** The features one module uses, drawn by weight (an exhausted stream uses none: the simplest module is 2.0); relaxed SIMD only with SIMD. */
export function chooseModuleFeatures(c: Choices, o: FeatureOptions): ReadonlySet<Feature> {
  const out = new Set<Feature>();
  for (const f of FEATURES) {
    const w = f === 'relaxed-simd' && o.simd === false ? 0 : (o.features?.[f] ?? 0);
    if (w > 0 && c.chance(Math.max(1, Math.round(USE_PERCENT[f] * w)))) out.add(f);
  }
  return out;
}
