import { FEATURES_3_0 } from './features.js';
import { describe, expect, it } from 'vitest';
import { adapterInventory, formatInventory, type AdapterInventory } from './inventory.js';
import { ADAPTER_IDS } from './registry.js';

describe('adapter inventory', () => {
  it('formats found adapters with version and missing features, missing ones with how to install', () => {
    const rows: AdapterInventory[] = [
      { id: 'x', engine: 'X', available: true, version: '1.0', features: { simd: false, 'multi-value': true } as never },
      { id: 'longer-id', engine: 'Y', available: false, reason: 'not found', install: 'put y on PATH' },
    ];
    expect(formatInventory(rows)).toBe('x          X 1.0; lacks simd\nlonger-id  missing: not found (install: put y on PATH)\n');
  });

  it('lists every registered adapter; the in-process ones are always there and support all of 2.0', async () => {
    const rows = await adapterInventory();
    expect(rows.map((r) => r.id)).toEqual([...ADAPTER_IDS]);
    for (const id of ['reference', 'v8']) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.available).toBe(true);
      if (row.available) expect(Object.entries(row.features).filter(([f]) => !(FEATURES_3_0 as readonly string[]).includes(f)).every(([, ok]) => ok)).toBe(true);
    }
  }, 120_000);
});
