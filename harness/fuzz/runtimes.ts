// The runtimes a fuzz run compares with the oracle, from `--runtimes`:
// adapter ids (registry.ts), `all` (every available one but the oracle
// itself), or `faulty-<fault>` (adapters/faulty.ts: the oracle with an
// injected bug, to see the loop find it).
import type { Adapter } from '../../adapters/adapter.js';
import { FAULTS, FaultyAdapter, isFault } from '../../adapters/faulty.js';
import { ADAPTER_IDS, createAdapter } from '../../adapters/registry.js';

export interface PickedRuntimes {
  adapters: Adapter[];
  /** `all` only: the ones left out, with why */
  skipped: string[];
}

/** Throws an Error with a one-line message for an unknown or (when named) unavailable runtime. */
export async function pickFuzzRuntimes(list: string): Promise<PickedRuntimes> {
  const all = list === 'all';
  const ids = all ? ADAPTER_IDS.filter((id) => id !== 'reference') : list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new Error('fuzz: --runtimes needs a comma-separated list of adapter ids, or all');
  const out: PickedRuntimes = { adapters: [], skipped: [] };
  for (const id of ids) {
    const adapter = id.startsWith('faulty-') && isFault(id.slice(7)) ? new FaultyAdapter(id.slice(7) as never) : createAdapter(id);
    if (adapter === undefined) throw new Error(`fuzz: unknown runtime ${id}; known: ${ADAPTER_IDS.join(', ')}, ${FAULTS.map((f) => `faulty-${f}`).join(', ')}, or all`);
    const a = await adapter.available();
    if (a.ok) out.adapters.push(adapter);
    else if (all) out.skipped.push(`${id}: ${a.reason}`);
    else throw new Error(`fuzz: runtime ${id} is not available: ${a.reason}; install it with: ${a.install || 'wasmdiff runtimes install'}`);
  }
  return out;
}
