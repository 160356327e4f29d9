// The statistics of `wasmdiff bench`, all pure:
//  - the median and its 99% confidence interval, distribution-free: the
//    interval between two order statistics x(l) and x(n+1-l), with l the
//    largest rank such that P(Binomial(n, 1/2) < l) <= alpha/2. It needs no
//    assumption about the shape of timing distributions (which are skewed and
//    often bimodal), only independent samples; below 8 samples no such
//    interval reaches 99%, and we say so rather than widen it silently.
//  - the ratio of two medians with a percentile-bootstrap 99% interval
//    (each sample set resampled independently, a fixed-seed PRNG so the same
//    samples always give the same interval); likewise a ratio of two such
//    ratios (a change between two runs, each against an anchor of its own).
//  - the anomaly rule: an engine's usual ratio is the median of its ratios
//    across programs; a program is anomalous for it when the whole interval of
//    its ratio lies beyond usual x threshold, or below usual / threshold.

export const CONFIDENCE = 0.99;
/** The fewest samples for which order statistics give a 99% interval of the median (1 - 2/2^8 > 0.99). */
export const MIN_SAMPLES_99 = 8;

export interface Interval {
  low: number;
  high: number;
}

export interface MedianCI extends Interval {
  median: number;
  n: number;
  /** The exact coverage of [x(l), x(n+1-l)] (>= the level asked for). */
  coverage: number;
  /** The 1-based ranks of the bounds in the sorted samples. */
  ranks: [number, number];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of no samples');
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** P(Binomial(n, 1/2) <= k), exact for the sample counts a benchmark has. */
export function binomialCdfHalf(n: number, k: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  // sum of C(n, i) / 2^n, built in log space so n in the thousands stays finite
  let logC = -n * Math.LN2; // log(C(n,0) / 2^n)
  let total = Math.exp(logC);
  for (let i = 1; i <= k; i++) {
    logC += Math.log((n - i + 1) / i);
    total += Math.exp(logC);
  }
  return Math.min(1, total);
}

/**
 * The median with its distribution-free confidence interval, or undefined
 * when n samples are too few for the level (n < 8 at 99%).
 */
export function medianCI(xs: readonly number[], level = CONFIDENCE): MedianCI | undefined {
  const n = xs.length;
  const alpha = 1 - level;
  // largest l with P(X <= l - 1) <= alpha / 2
  let l = 0;
  while (l + 1 <= n && binomialCdfHalf(n, l) <= alpha / 2) l++;
  if (l === 0 || l > n + 1 - l) return undefined;
  const s = sorted(xs);
  const u = n + 1 - l;
  return { median: median(s), low: s[l - 1]!, high: s[u - 1]!, n, coverage: 1 - 2 * binomialCdfHalf(n, l - 1), ranks: [l, u] };
}

/** mulberry32: a small fixed-seed PRNG, good enough for resampling and shuffling. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RatioCI extends Interval {
  ratio: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;

/**
 * median(a) / median(b) with a percentile-bootstrap interval: each set is
 * resampled with replacement, the ratio of the resampled medians recorded,
 * and the (1-level)/2 and (1+level)/2 quantiles of those ratios taken.
 */
export function ratioCI(a: readonly number[], b: readonly number[], level = CONFIDENCE, seed = 1, resamples = BOOTSTRAP_RESAMPLES): RatioCI {
  if (a.length === 0 || b.length === 0) throw new RangeError('ratio of medians needs samples on both sides');
  return bootstrap([a, b], ([ma, mb]) => ma! / mb!, level, seed, resamples);
}

/**
 * (median(a) / median(anchorA)) / (median(b) / median(anchorB)) with a
 * percentile-bootstrap interval, the four sets resampled independently: how
 * much a changed against b once both are measured against an anchor timed
 * beside them, which cancels what slowed the whole machine between them.
 */
export function ratioOfRatiosCI(a: readonly number[], anchorA: readonly number[], b: readonly number[], anchorB: readonly number[], level = CONFIDENCE, seed = 1, resamples = BOOTSTRAP_RESAMPLES): RatioCI {
  if ([a, anchorA, b, anchorB].some((xs) => xs.length === 0)) throw new RangeError('ratio of ratios needs samples in all four sets');
  return bootstrap([a, anchorA, b, anchorB], ([ma, mA, mb, mB]) => ma! / mA! / (mb! / mB!), level, seed, resamples);
}

/** `statistic` of the sets' medians, with the percentile interval of it over resamples of every set (in order, one fixed-seed PRNG). */
function bootstrap(sets: readonly (readonly number[])[], statistic: (medians: number[]) => number, level: number, seed: number, resamples: number): RatioCI {
  const rand = prng(seed);
  const resampledMedian = (xs: readonly number[]): number => median(Array.from({ length: xs.length }, () => xs[Math.floor(rand() * xs.length)]!));
  const values = Array.from({ length: resamples }, () => statistic(sets.map(resampledMedian))).sort((x, y) => x - y);
  const at = (q: number): number => values[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return { ratio: statistic(sets.map(median)), low: at((1 - level) / 2), high: at((1 + level) / 2) };
}

export const DEFAULT_ANOMALY_THRESHOLD = 1.5;
/** With fewer programs an engine has no "usual" ratio to depart from. */
export const MIN_PROGRAMS_FOR_ANOMALY = 3;

export interface Anomaly {
  engine: string;
  program: string;
  direction: 'slower' | 'faster';
  ratio: RatioCI;
  usual: number;
  threshold: number;
  /** The bound the interval had to clear: usual x threshold or usual / threshold. */
  bound: number;
}

/**
 * ratios: engine -> program -> ratio (to the fastest engine) with its interval.
 * Engines with ratios on fewer than MIN_PROGRAMS_FOR_ANOMALY programs are not judged.
 */
export function findAnomalies(ratios: ReadonlyMap<string, ReadonlyMap<string, RatioCI>>, threshold = DEFAULT_ANOMALY_THRESHOLD): Anomaly[] {
  const found: Anomaly[] = [];
  for (const [engine, byProgram] of ratios) {
    if (byProgram.size < MIN_PROGRAMS_FOR_ANOMALY) continue;
    const usual = median([...byProgram.values()].map((r) => r.ratio));
    for (const [program, ratio] of byProgram) {
      if (ratio.low > usual * threshold) found.push({ engine, program, direction: 'slower', ratio, usual, threshold, bound: usual * threshold });
      else if (ratio.high < usual / threshold) found.push({ engine, program, direction: 'faster', ratio, usual, threshold, bound: usual / threshold });
    }
  }
  return found;
}

function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}
