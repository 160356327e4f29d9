// The spec version and the feature set are inputs of the oracle: a 2.0
// script is judged by 2.0 rules, a 3.0 script by 3.0 rules, and (later) a
// runtime by the features it was probed to have. Every phase that a feature
// changes (decoding, validation, the text parser where the syntax differs)
// takes a FeatureSet; 2.0 (with its SIMD, bulk memory and reference types) is
// the base that every set includes.

/** The Wasm 3.0 features beyond 2.0, named as `wasmdiff runtimes` probes them. */
export type Feature =
  | 'multi-memory'
  | 'memory64'
  | 'extended-const'
  | 'tail-call'
  | 'exceptions'
  | 'relaxed-simd'
  | 'function-references'
  | 'gc';

export const FEATURES: readonly Feature[] = [
  'multi-memory',
  'memory64',
  'extended-const',
  'tail-call',
  'exceptions',
  'relaxed-simd',
  'function-references',
  'gc',
];

export type FeatureSet = ReadonlySet<Feature>;

export type SpecVersion = '2.0' | '3.0';

export const WASM_2_0: FeatureSet = new Set<Feature>();
export const WASM_3_0: FeatureSet = new Set<Feature>(FEATURES);

/** The feature set of a spec version. */
export function featuresOf(version: SpecVersion): FeatureSet {
  return version === '2.0' ? WASM_2_0 : WASM_3_0;
}

/** Whether a feature set has a feature (absent set: everything, the 3.0 default). */
export function has(features: FeatureSet | undefined, f: Feature): boolean {
  return features === undefined || features.has(f);
}
