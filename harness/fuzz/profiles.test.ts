// Generating for the runtimes selected (issue 18): over a few hundred cases of
// the loop's own source, no runtime has more than MAX_SET_ASIDE of its cases
// set aside, as the differential runner's own split (unsupportedOn, which
// runCases uses) judges them, while the runtimes with the most features
// still get cases using the newest ones.
import { describe, expect, it } from 'vitest';
import type { Adapter, FeatureName, FeatureSet } from '../../adapters/adapter.js';
import { ADAPTER_IDS, createAdapter } from '../../adapters/registry.js';
import { FEATURES } from '../../reference-runtime/syntax/features.js';
import { generateCases } from '../generate/index.js';
import { casePlan, unsupportedOn } from './differential.js';
import { fuzzCase } from './loop.js';
import { MAX_SET_ASIDE, planProfiles, profileAt, type Profile } from './profiles.js';
import { caseChunk, chunkSeed } from './source.js';
import { featuresUsed } from '../conformance/features.js';

const ALL_2_0: FeatureName[] = ['multi-value', 'reference-types', 'bulk-memory', 'simd', 'sign-extension', 'saturating-conversions', 'mutable-globals'];
const set = (has: readonly FeatureName[]): FeatureSet => Object.fromEntries([...ALL_2_0, ...FEATURES, 'legacy-exceptions'].map((f) => [f, has.includes(f as FeatureName)])) as FeatureSet;
const but = (lacks: readonly FeatureName[]): FeatureSet => set([...ALL_2_0, ...FEATURES].filter((f) => !lacks.includes(f)));

/** The installed runtimes' feature sets as `wasmdiff runtimes` probed them on 2026-12-03 (Node 20/22/24, Wasmtime 42, WAMR 1.1.2, WasmEdge 0.17.1). */
const RECORDED = new Map<string, FeatureSet>([
  ['v8', but(['relaxed-simd', 'multi-memory', 'exceptions', 'memory64', 'extended-const', 'function-references', 'gc'])],
  ['v8-node22', but([])],
  ['v8-node24', but([])],
  ['wasmtime', but(['exceptions', 'function-references', 'gc'])],
  ['wamr-fast', but(['simd', ...FEATURES])],
  ['wamr-classic', but(['simd', ...FEATURES])],
  ['wasmedge', but([])],
  ['wasmedge-jit', but([])],
]);

const CASES = 400;
const CHUNK = 20;

/** Per runtime: the share of the first CASES cases of the loop's source for `seed` set aside on it; per profile, the cases generated and those using a 3.0 feature. */
function setAside(probed: ReadonlyMap<string, FeatureSet>, seed: number) {
  const profiles = planProfiles(probed);
  const runtimes = [...probed.keys()].map((id) => ({ id }));
  const aside = new Map(runtimes.map((r) => [r.id, 0]));
  const generated = new Map<string, { cases: number; newest: number }>();
  for (let j = 0; j < CASES / CHUNK; j++) {
    for (const c of caseChunk(seed, j, CHUNK, { profiles })) {
      const cp = casePlan(fuzzCase(c.case, c.origin));
      for (const u of unsupportedOn(cp, runtimes, probed)) aside.set(u.runtime, aside.get(u.runtime)! + 1);
      const g = generated.get(c.profile) ?? { cases: 0, newest: 0 };
      g.cases++;
      if (featuresUsed(c.case.module).some((f) => (FEATURES as readonly string[]).includes(f))) g.newest++;
      generated.set(c.profile, g);
    }
  }
  return { profiles, share: new Map([...aside].map(([id, n]) => [id, n / CASES])), generated };
}

function expectWithinBudget(probed: ReadonlyMap<string, FeatureSet>, seed: number): void {
  const { profiles, share, generated } = setAside(probed, seed);
  for (const [id, s] of share) expect(s, `${id}: ${(100 * s).toFixed(1)}% set aside`).toBeLessThanOrEqual(MAX_SET_ASIDE);
  // the richest profile is generated, and its cases use the newest features
  const richest = generated.get(profiles[0]!.name);
  expect(richest?.cases, JSON.stringify([...generated])).toBeGreaterThan(0);
  if (profiles[0]!.features.size > profiles.at(-1)!.features.size) expect(richest!.newest).toBeGreaterThan(0);
}

describe('target profiles', () => {
  it.each([1, 2])(`keep each runtime's set-aside share within ${100 * MAX_SET_ASIDE}% over ${CASES} cases (recorded feature sets, seed %i)`, (seed) => {
    expectWithinBudget(RECORDED, seed);
  }, 120_000);

  it('keep it for the feature sets the installed runtimes have now', async () => {
    const adapters = ADAPTER_IDS.filter((id) => id !== 'reference').map((id) => createAdapter(id)!) as Adapter[];
    const probed = new Map<string, FeatureSet>();
    try {
      for (const a of adapters) if ((await a.available()).ok) probed.set(a.id, await a.features());
    } finally {
      await Promise.all(adapters.map((a) => a.close?.()));
    }
    if (probed.size === 0) {
      console.warn('skipped: no runtime besides the oracle is installed (wasmdiff runtimes install)');
      return;
    }
    expectWithinBudget(probed, 3);
  }, 180_000);

  it('group runtimes by feature set: the common set on which nothing is set aside takes the rest, incomparable groups each their share', () => {
    const plan = planProfiles(new Map([['a', but(['gc'])], ['b', but(['simd', 'relaxed-simd'])], ['c', but(['gc'])]]));
    expect(plan.map((p) => [p.name, [...p.features].length])).toEqual([['a+c', 8], ['b', 7], ['common to all', 6]]);
    expect(plan[0]!.weight).toBeCloseTo(plan[1]!.weight);
    expect(plan.reduce((n, p) => n + p.weight, 0)).toBeCloseTo(1);
    expect(plan.slice(0, -1).every((p) => p.weight <= MAX_SET_ASIDE)).toBe(true);
  });

  it('with one feature set (or the oracle alone) a chunk is what the generator gives for the chunk seed, with everything that set has', () => {
    expect(planProfiles(new Map()).map((p) => [p.name, p.features.size, p.weight])).toEqual([['oracle', 9, 1]]);
    const plan = planProfiles(new Map([['x', but([])], ['y', but([])]]));
    expect(plan).toHaveLength(1);
    const chunk = caseChunk(9, 4, 6, { profiles: plan });
    const direct = generateCases(chunkSeed(9, 4), 6, undefined, { features: Object.fromEntries(FEATURES.map((f) => [f, 1])) });
    expect(chunk.map((c) => c.case.bytes)).toEqual(direct.map((c) => c.bytes));
    expect(chunk.every((c) => c.profile === 'x+y')).toBe(true);
  });

  it('a case profile depends on the seed and its place in the stream alone, and the counts follow the weights closely', () => {
    const plan: Profile[] = planProfiles(RECORDED);
    const first = Array.from({ length: 1000 }, (_, n) => profileAt(plan, 5, n));
    expect(Array.from({ length: 1000 }, (_, n) => profileAt(plan, 5, n))).toEqual(first);
    for (const p of plan) expect(Math.abs(first.filter((x) => x === p).length - 1000 * p.weight), p.name).toBeLessThanOrEqual(3);
  });
});
