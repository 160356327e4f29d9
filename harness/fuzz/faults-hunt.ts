// One hunt for an injected fault: the fuzz loop as a campaign runs it (the
// default mix, no focus, features as probed), against one fault-injection
// adapter (adapters/faulty.ts), stopped at its first new finding or at the
// case budget. What the fault-injection test and benchmark measure: whether
// the generator alone reaches the operands that show the fault, and after
// how many cases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultyAdapter } from '../../adapters/faulty.js';
import { openStore } from '../store/store.js';
import { fuzz } from './loop.js';

export interface HuntResult {
  seed: number;
  /** cases run up to and including the first finding; undefined when the budget ran out first */
  casesToFind?: number;
  /** the finding's kind and its minimal module's instruction count */
  kind?: string;
  instructions?: number;
  /** the finding's one-line summary */
  summary?: string;
  /** the finding's minimal module, as text */
  wat?: string;
  cases: number;
  seconds: number;
}

/** A short minimisation: the hunt measures detection (the finding's kind is known before minimising), and the test hunts 51 times. */
const HUNT_MINIMIZE = { maxTests: 20, timeBudgetMs: 1000 };
/**
 * Per run of a case: generous, because a fresh worker's first case includes
 * loading the interpreter, which on a loaded machine took longer than the
 * loop's default 5 s and showed as a timeout of the oracle alone. Generated
 * modules are fuel-bounded: nothing real comes near it.
 */
const HUNT_TIMEOUT_MS = 60_000;

export async function huntFault(adapter: FaultyAdapter, seed: number, budget: number): Promise<HuntResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-hunt-'));
  const store = openStore(join(dir, 'hunt.db'));
  const stop = new AbortController();
  try {
    const summary = await fuzz({
      seed, cases: budget, runtimes: [adapter], store, minimize: HUNT_MINIMIZE, timeoutMs: HUNT_TIMEOUT_MS, signal: stop.signal, progressMs: 0,
      progress: (p) => {
        if (p.newFindings > 0) stop.abort();
      },
    });
    const found = summary.seen.find((s) => !s.note);
    const base = { seed, cases: summary.cases, seconds: summary.seconds };
    if (found === undefined) return base;
    const wat = store.listFindings().find((f) => f.id === found.id)?.wat;
    return { ...base, casesToFind: summary.cases, kind: found.kind, summary: found.summary, instructions: found.instructions, ...(wat ? { wat } : {}) };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
