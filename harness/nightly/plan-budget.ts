// How a nightly spends its time budget: the spec suite gets at most a
// quarter (with a per-file timeout so one hanging file cannot take it all),
// the benchmark subset at most a fifth (small sizes, few runs), a fixed
// reserve goes to re-checks and the reports, and the fuzzer gets the rest,
// since new findings come from fuzzing. Stages that finish early leave their
// time to the fuzzer: run-nightly.ts gives it whatever remains.

export interface BudgetPlan {
  totalMs: number;
  specMs: number;
  /** Per process of the spec run (a timeout is retried once with twice this). */
  specTimeoutMs: number;
  benchMs: number;
  /** Re-checks of open findings, merging and writing the reports. */
  reserveMs: number;
  /** What the fuzzer gets if the other stages use all of theirs. */
  fuzzMs: number;
}

export const SPEC_SHARE = 0.25;
export const BENCH_SHARE = 0.2;
const RESERVE_SHARE = 0.05;
const MAX_RESERVE_MS = 60_000;

export function planBudget(totalMs: number): BudgetPlan {
  const specMs = Math.floor(totalMs * SPEC_SHARE);
  const benchMs = Math.floor(totalMs * BENCH_SHARE);
  const reserveMs = Math.min(MAX_RESERVE_MS, Math.floor(totalMs * RESERVE_SHARE));
  // a tenth of the spec share, within 2..10 s: long enough for the biggest SIMD files on an interpreter
  const specTimeoutMs = Math.max(2000, Math.min(10_000, Math.floor(specMs / 10)));
  return { totalMs, specMs, specTimeoutMs, benchMs, reserveMs, fuzzMs: totalMs - specMs - benchMs - reserveMs };
}
