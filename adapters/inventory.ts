// What `wasmdiff runtimes` shows: every adapter, whether its engine is there,
// its exact version, and the features it supports as probed by running small
// modules through it (features.ts), never read from a table.
import { FEATURES_3_0 } from './features.js';
import type { FeatureSet } from './adapter.js';
import { allAdapters } from './registry.js';

export type AdapterInventory =
  | { id: string; engine: string; available: true; version: string; features: FeatureSet }
  | { id: string; engine: string; available: false; reason: string; install: string };

export async function adapterInventory(onProgress?: (id: string) => void): Promise<AdapterInventory[]> {
  const out: AdapterInventory[] = [];
  for (const adapter of allAdapters()) {
    onProgress?.(adapter.id);
    try {
      const a = await adapter.available();
      out.push(
        a.ok
          ? { id: adapter.id, engine: adapter.engine, available: true, version: a.version, features: await adapter.features() }
          : { id: adapter.id, engine: adapter.engine, available: false, reason: a.reason, install: a.install },
      );
    } finally {
      await adapter.close?.();
    }
  }
  return out;
}

/** One line per adapter: id, engine and version, then the features it lacks (or how to install it). */
export function formatInventory(rows: AdapterInventory[]): string {
  const width = Math.max(...rows.map((r) => r.id.length));
  return (
    rows
      .map((r) => {
        const id = r.id.padEnd(width);
        if (!r.available) return `${id}  missing: ${r.reason} (install: ${r.install})`;
        const lacking = Object.entries(r.features).filter(([, ok]) => !ok).map(([f]) => f);
        const lacking2 = lacking.filter((f) => !(FEATURES_3_0 as readonly string[]).includes(f));
        const lacking3 = lacking.filter((f) => (FEATURES_3_0 as readonly string[]).includes(f));
        const features = [lacking2.length === 0 ? 'all 2.0 features' : `lacks ${lacking2.join(', ')}`, ...(lacking3.length > 0 ? [`of 3.0 lacks ${lacking3.join(', ')}`] : [])].join('; ');
        return `${id}  ${r.engine} ${r.version}; ${features}`;
      })
      .join('\n') + '\n'
  );
}
