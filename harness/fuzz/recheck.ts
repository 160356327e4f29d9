// At the start of a fuzz run, every open fuzz finding whose runtimes are all
// in this run is run again from what the store kept (the minimal module and
// its invocations). A runtime on which the case now PASSES (runs, and
// compares with no divergence at all), on a version other than the one it
// was found on, is recorded as having fixed it (markFixed with that
// version). A re-run that crashes, hangs or diverges another way is not a
// fix; on the same version a finding that does not reproduce is left open:
// flakiness is not a fix either.
import type { Adapter, FeatureSet } from '../../adapters/adapter.js';
import { loadInvocations, type StoredInvocation } from '../conformance/repro.js';
import type { Store } from '../store/store.js';
import { passes } from './triage.js';
import type { FuzzCase, RunLimits } from './differential.js';
import type { ReferenceAdapter } from '../../adapters/reference/reference.js';

interface FuzzDetails {
  source?: string;
  invocations?: StoredInvocation[];
  classes?: { expected: string; actual: string };
  versions?: Record<string, string>;
  digest?: boolean;
}

export interface RecheckResult {
  checked: number;
  /** finding ids marked fixed, with the versions */
  fixed: { id: number; fixedIn: Record<string, string> }[];
}

export async function recheckFindings(
  store: Store,
  runId: number,
  oracle: ReferenceAdapter,
  runtimes: ReadonlyMap<string, Adapter>,
  versions: Record<string, string>,
  limits: RunLimits,
  features?: ReadonlyMap<string, FeatureSet>,
): Promise<RecheckResult> {
  const out: RecheckResult = { checked: 0, fixed: [] };
  for (const f of store.listFindings({ status: 'open' })) {
    const d = f.details as FuzzDetails;
    if (d.source !== 'fuzz' || !f.runtimes.every((r) => runtimes.has(r)) || f.moduleHash === null || d.classes === undefined) continue;
    const bytes = store.getModule(f.moduleHash)?.bytes;
    if (bytes === undefined) continue;
    // the stored module already carries the digest function and its invocation
    const invocations = loadInvocations(d.invocations ?? []);
    const c: FuzzCase = { bytes, invocations, origin: `finding ${f.id}`, ...(d.digest ? { digestAt: invocations.length - 1 } : {}) };
    out.checked++;
    const fixedIn: Record<string, string> = {};
    for (const runtime of f.runtimes) {
      const now = versions[runtime] ?? 'unknown';
      if (now === (f.members[runtime]?.last ?? d.versions?.[runtime])) continue;
      if (await passes(c, { oracle, limits, ...(features ? { features } : {}) }, runtimes.get(runtime)!)) fixedIn[runtime] = now;
    }
    if (Object.keys(fixedIn).length === f.runtimes.length) {
      store.markFixed(f.id, fixedIn, runId);
      out.fixed.push({ id: f.id, fixedIn });
    }
  }
  return out;
}
