// Which 3.0 features a generated module may use, and how often. The fuzz loop
// knows the probed features of the runtimes it compares (adapters/features.ts)
// and passes a weight per feature: the share of those runtimes that have it.
// A module then uses each feature with a probability scaled by its weight, so
// a feature most runtimes lack appears rarely (its cases are "unsupported" on
// them), one no compared runtime has never, and with only the oracle every
// feature is on. A module's features are drawn once, before its shape.
import { FEATURES, type Feature } from '../../reference-runtime/syntax/features.js';
import type { FeatureSet } from '../../adapters/adapter.js';
import type { Choices } from './choices.js';

/** Feature -> weight in [0, 1]; a feature left out has weight 0. */
export type FeatureWeights = Partial<Record<Feature, number>>;

/** Every 3.0 feature at full weight: the oracle alone, or runtimes that all have everything. */
export const ALL_FEATURES: FeatureWeights = Object.fromEntries(FEATURES.map((f) => [f, 1]));

/**
 * The weights for a fuzz run over runtimes with these probed feature sets
 * (the oracle itself not among them): the share of them with each feature.
 * No runtime besides the oracle: every feature on.
 */
export function featureWeights(probed: readonly FeatureSet[]): FeatureWeights {
  if (probed.length === 0) return ALL_FEATURES;
  return Object.fromEntries(FEATURES.map((f) => [f, probed.filter((p) => p[f]).length / probed.length]));
}

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

/** The features one module uses, drawn by weight (an exhausted stream uses none: the simplest module is 2.0). */
export function chooseModuleFeatures(c: Choices, weights: FeatureWeights): ReadonlySet<Feature> {
  const out = new Set<Feature>();
  for (const f of FEATURES) {
    const w = weights[f] ?? 0;
    if (w > 0 && c.chance(Math.max(1, Math.round(USE_PERCENT[f] * w)))) out.add(f);
  }
  return out;
}
