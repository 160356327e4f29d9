// The run's coverage growth ends where the run did: its last point carries
// the summary's opcode and operand-triple counts (points are otherwise kept
// only when the triples grow by a hundredth, which near the end they rarely do).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { fuzz } from './loop.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-growth-'));
const store = openStore(join(dir, 'growth.db'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('coverage growth', () => {
  it('ends with the counts the run ended with', async () => {
    const s = await fuzz({ seed: 3, cases: 120, runtimes: [], store, timeoutMs: 60_000 });
    const last = s.growth.at(-1)!;
    expect(last.triples).toBe(s.operands.size);
    expect(last.opcodes).toBe(s.coverage.size);
    expect(last.cases).toBeLessThanOrEqual(s.cases);
    expect(s.growth.length).toBeGreaterThan(3);
  }, 300_000);
});
