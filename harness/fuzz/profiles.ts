// The target profiles of a fuzz run (issue 18): which features a case may
// use, chosen per case so that every compared runtime gets enough cases it
// can run. The compared runtimes are grouped by their probed feature sets
// (only what the generator can switch: SIMD and each 3.0 feature); each
// group's set is a profile, and so is the set every runtime has (the
// common profile, on which no runtime sets a case aside). A case of a
// richer profile is set aside on every runtime lacking one of its features
// (as if it always used them all: the bound is exact whatever the
// generator draws), so each richer profile's weight is charged to the
// groups it leaves out, and no group's charges may pass the set-aside
// share the issue allows. Richer profiles come first and take half of what
// their groups can still give when a poorer one needs the same groups (the
// last takes all of it): the runtimes with the most features get the
// newest features most; the common profile takes the rest.
//
// The profile of case n of a seed's stream depends on (seed, n) alone
// (profileAt), so that shards, which split the stream by chunk, split the
// same cases; over any run of consecutive cases each profile's count stays
// within a few cases of its weight (a golden-ratio sequence).
import type { FeatureSet } from '../../adapters/adapter.js';
import { FEATURES, type Feature } from '../../reference-runtime/syntax/features.js';
import type { GenOptions } from '../generate/index.js';

/** What the generator can switch on and off: 2.0's SIMD and the 3.0 features. */
export const GEN_FEATURES = ['simd', ...FEATURES] as const;
export type GenFeature = (typeof GEN_FEATURES)[number];

export interface Profile {
  /** the runtimes whose feature set it is, joined by '+' ('oracle' when the oracle runs alone) */
  name: string;
  features: ReadonlySet<GenFeature>;
  /** the share of cases generated for it */
  weight: number;
}

/** The share of a runtime's cases the issue lets be set aside as unsupported. */
export const MAX_SET_ASIDE = 0.1;
/** The share planned: below MAX_SET_ASIDE by what the schedule may be off over a few hundred cases (about 2 cases). */
const PLANNED_SET_ASIDE = 0.09;

interface Group {
  runtimes: string[];
  features: ReadonlySet<GenFeature>;
  /** the share of cases it may still have set aside */
  budget: number;
}

/**
 * The profiles for runtimes with these probed features (the oracle not
 * among them), richest first, the common one last; their weights sum to 1.
 * No runtime besides the oracle: one profile with everything.
 */
export function planProfiles(probed: ReadonlyMap<string, FeatureSet>): Profile[] {
  const groups = groupByFeatures(probed);
  if (groups.length === 0) return [{ name: 'oracle', features: new Set(GEN_FEATURES), weight: 1 }];
  const common = new Set(GEN_FEATURES.filter((f) => groups.every((g) => g.features.has(f))));
  const richer = groups
    .filter((g) => g.features.size > common.size)
    .sort((a, b) => b.features.size - a.features.size || a.runtimes[0]!.localeCompare(b.runtimes[0]!));
  const lacking = (p: Group): Group[] => groups.filter((g) => [...p.features].some((f) => !g.features.has(f)));
  const out: Profile[] = [];
  let left = 1;
  richer.forEach((p, k) => {
    const charged = lacking(p);
    const shared = richer.slice(k + 1).some((q) => lacking(q).some((g) => charged.includes(g)));
    const weight = Math.min(left, Math.min(...charged.map((g) => g.budget)) / (shared ? 2 : 1));
    for (const g of charged) g.budget -= weight;
    left -= weight;
    if (weight > 0) out.push({ name: p.runtimes.join('+'), features: p.features, weight });
  });
  const own = groups.find((g) => g.features.size === common.size);
  out.push({ name: own?.runtimes.join('+') ?? 'common to all', features: common, weight: left });
  return out;
}

/** Runtimes with the same generator-switchable features together, in the order first seen. */
function groupByFeatures(probed: ReadonlyMap<string, FeatureSet>): Group[] {
  const groups = new Map<string, Group>();
  for (const [id, set] of probed) {
    const features = GEN_FEATURES.filter((f) => set[f]);
    const key = features.join(',');
    const g = groups.get(key) ?? { runtimes: [], features: new Set(features), budget: PLANNED_SET_ASIDE };
    g.runtimes.push(id);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The profile of case `n` of the stream for `seed`. */
export function profileAt(profiles: readonly Profile[], seed: number, n: number): Profile {
  const start = (Math.imul(seed, 0x9e3779b1) >>> 0) / 2 ** 32;
  const u = (start + n * GOLDEN) % 1;
  let below = 0;
  for (const p of profiles) {
    below += p.weight;
    if (u < below) return p;
  }
  return profiles.at(-1)!;
}

/** The generator options of a profile: its features at full weight, SIMD as it says; `base` adds sizes and may narrow the features further. */
export function profileOptions(p: Profile, base: GenOptions = {}): GenOptions {
  const cap = (f: Feature): number => (base.features === undefined ? 1 : (base.features[f] ?? 0));
  const features = Object.fromEntries(FEATURES.map((f) => [f, p.features.has(f) ? cap(f) : 0]));
  return { ...base, features, simd: p.features.has('simd') && base.simd !== false };
}

/** A profile's features for people: what it may use besides 2.0's scalar core. */
export function describeProfile(p: Profile): string {
  const missing = GEN_FEATURES.filter((f) => !p.features.has(f));
  if (missing.length === 0) return 'everything';
  if (p.features.size === 0) return 'no simd, no 3.0 feature';
  return p.features.size >= missing.length ? `all but ${missing.join(', ')}` : [...p.features].join(', ');
}
