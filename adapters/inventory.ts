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

/**
 * One line per adapter (id, engine and version, then the features it lacks,
 * or how to install it), then the full feature table: a row per probed
 * feature, a column per adapter found (`yes` or `-`).
 */
export function formatInventory(rows: AdapterInventory[]): string {
  const width = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map((r) => {
    const id = r.id.padEnd(width);
    if (!r.available) return `${id}  missing: ${r.reason} (install: ${r.install})`;
    const lacking = Object.entries(r.features).filter(([, ok]) => !ok).map(([f]) => f);
    const lacking2 = lacking.filter((f) => !is30(f) && f !== LEGACY);
    const lacking3 = lacking.filter(is30);
    const legacy = (r.features as Record<string, boolean>)[LEGACY] === true ? ['has the legacy exception form (try/catch)'] : [];
    const features = [lacking2.length === 0 ? 'all 2.0 features' : `lacks ${lacking2.join(', ')}`, ...(lacking3.length > 0 ? [`of 3.0 lacks ${lacking3.join(', ')}`] : []), ...legacy].join('; ');
    return `${id}  ${r.engine} ${r.version}; ${features}`;
  });
  return `${lines.join('\n')}\n${featureTable(rows)}`;
}

const LEGACY = 'legacy-exceptions';

function is30(f: string): boolean {
  return (FEATURES_3_0 as readonly string[]).includes(f);
}

/** The features as probed: one row per feature (2.0's, then 3.0's, then any other), one column per adapter found. */
function featureTable(rows: AdapterInventory[]): string {
  const found = rows.filter((r): r is Extract<AdapterInventory, { available: true }> => r.available);
  if (found.length === 0) return '';
  const names = [...new Set(found.flatMap((r) => Object.keys(r.features)))];
  const rank = (f: string) => (is30(f) ? 1 : f === LEGACY ? 2 : 0);
  names.sort((a, b) => rank(a) - rank(b));
  const header = ['feature', ...found.map((r) => r.id)];
  const cells = names.map((f) => [`${f}${is30(f) ? ' (3.0)' : ''}`, ...found.map((r) => ((r.features as Record<string, boolean>)[f] ? 'yes' : '-'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return `\n${[header, ...cells].map(line).join('\n')}\n`;
}
