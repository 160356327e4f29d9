// Turns raw timing samples into what the performance section shows: per
// program, each runtime's median time as a ratio to the fastest runtime on
// that program (ratios within one run, never absolute times across runs),
// with a bootstrap confidence interval; median time per phase; peak RSS.
// The statistics are `wasmdiff bench`'s own (harness/bench/stats.ts), so the
// page and the command line agree.
import { CONFIDENCE, median, ratioCI } from '../harness/bench/stats.js';
import type { TimingSample } from './data.js';

export { CONFIDENCE };

/** The phases that split one iteration; 'wall' is the whole iteration when a runtime measures it. */
export const PHASES = ['compile', 'instantiate', 'execute'] as const;

export interface RatioRow {
  program: string;
  runtime: string;
  iterations: number;
  medianMs: number;
  /** Median time over the fastest runtime's median on this program (1 = fastest). */
  ratio: number;
  low: number;
  high: number;
}

export interface PhaseRow {
  program: string;
  runtime: string;
  /** Median ms per phase; absent when the runtime does not separate that phase. */
  phases: Partial<Record<(typeof PHASES)[number], number>>;
}

export interface PerformanceSummary {
  programs: string[];
  runtimes: string[];
  ratios: RatioRow[];
  /** Geometric mean of each runtime's ratios over the programs it ran. */
  geomean: Record<string, number>;
  phases: PhaseRow[];
  /** Peak resident set per program and runtime, in KiB (only where measured). */
  peakRss: { program: string; runtime: string; kb: number }[];
}

export function summarisePerformance(samples: TimingSample[]): PerformanceSummary {
  const programs = unique(samples.map((s) => s.program));
  const runtimes = unique(samples.map((s) => s.runtime));
  const ratios: RatioRow[] = [];
  const phases: PhaseRow[] = [];
  const peakRss: PerformanceSummary['peakRss'] = [];
  for (const program of programs) {
    const totals = new Map<string, number[]>();
    for (const runtime of runtimes) {
      const mine = samples.filter((s) => s.program === program && s.runtime === runtime);
      if (mine.length === 0) continue;
      const t = iterationTotals(mine);
      if (t.length > 0) totals.set(runtime, t);
      phases.push({ program, runtime, phases: phaseMedians(mine) });
      const rss = mine.flatMap((s) => (s.rssKb === null ? [] : [s.rssKb]));
      if (rss.length > 0) peakRss.push({ program, runtime, kb: Math.max(...rss) });
    }
    ratios.push(...ratiosToFastest(program, totals));
  }
  return { programs, runtimes, ratios, geomean: geometricMeans(ratios), phases, peakRss };
}

/** One total per iteration: its 'wall' sample if there is one, else the sum of its phases. */
export function iterationTotals(samples: TimingSample[]): number[] {
  const byIteration = new Map<number, TimingSample[]>();
  for (const s of samples) byIteration.set(s.iteration, [...(byIteration.get(s.iteration) ?? []), s]);
  const totals: number[] = [];
  for (const group of byIteration.values()) {
    const wall = group.find((s) => s.phase === 'wall');
    totals.push(wall ? wall.ms : group.reduce((sum, s) => sum + s.ms, 0));
  }
  return totals;
}

function phaseMedians(samples: TimingSample[]): PhaseRow['phases'] {
  const out: PhaseRow['phases'] = {};
  for (const phase of PHASES) {
    const ms = samples.filter((s) => s.phase === phase).map((s) => s.ms);
    if (ms.length > 0) out[phase] = median(ms);
  }
  return out;
}

function ratiosToFastest(program: string, totals: Map<string, number[]>): RatioRow[] {
  const medians = [...totals].map(([runtime, t]) => ({ runtime, t, m: median(t) }));
  if (medians.length === 0) return [];
  const fastest = medians.reduce((a, b) => (b.m < a.m ? b : a));
  return medians.map(({ runtime, t, m }) => {
    const ratio = fastest.m === 0 ? NaN : m / fastest.m;
    const { low, high } = runtime === fastest.runtime ? { low: 1, high: 1 } : ratioCI(t, fastest.t, CONFIDENCE, seedOf(`${program}\0${runtime}`));
    return { program, runtime, iterations: t.length, medianMs: m, ratio, low, high };
  });
}

function geometricMeans(ratios: RatioRow[]): Record<string, number> {
  const logs = new Map<string, number[]>();
  for (const r of ratios) if (r.ratio > 0) logs.set(r.runtime, [...(logs.get(r.runtime) ?? []), Math.log(r.ratio)]);
  const out: Record<string, number> = {};
  for (const [runtime, ls] of logs) out[runtime] = Math.exp(ls.reduce((a, b) => a + b, 0) / ls.length);
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
