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
    expect(formatInventory(rows)).toBe(
      'x          X 1.0; lacks simd\nlonger-id  missing: not found (install: put y on PATH)\n' +
        '\nfeature      x\nsimd         -\nmulti-value  yes\n',
    );
  });

  it('lists the full feature table, 3.0 features marked, a column per adapter found', () => {
    const rows: AdapterInventory[] = [
      { id: 'a', engine: 'A', available: true, version: '1', features: { simd: true, gc: false, 'tail-call': true, 'legacy-exceptions': true } as never },
      { id: 'bb', engine: 'B', available: true, version: '2', features: { simd: true, gc: true, 'tail-call': false, 'legacy-exceptions': false } as never },
    ];
    expect(formatInventory(rows).split('\n').slice(0, 2)).toEqual(['a   A 1; all 2.0 features; of 3.0 lacks gc; has the legacy exception form (try/catch)', 'bb  B 2; all 2.0 features; of 3.0 lacks tail-call']);
    expect(formatInventory(rows).split('\n').slice(3)).toEqual([
      'feature            a    bb',
      'simd               yes  yes',
      'gc (3.0)           -    yes',
      'tail-call (3.0)    yes  -',
      'legacy-exceptions  yes  -',
      '',
    ]);
  });

  it('lists every registered adapter; the in-process ones are always there and support all of 2.0', async () => {
    const rows = await adapterInventory();
    expect(rows.map((r) => r.id)).toEqual([...ADAPTER_IDS]);
    for (const id of ['reference', 'v8']) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.available).toBe(true);
      if (row.available) expect(Object.entries(row.features).filter(([f]) => !(FEATURES_3_0 as readonly string[]).includes(f) && f !== 'legacy-exceptions').every(([, ok]) => ok)).toBe(true);
      if (row.available) expect(Object.keys(row.features)).toEqual(expect.arrayContaining([...FEATURES_3_0, 'legacy-exceptions']));
    }
  }, 120_000);
});
