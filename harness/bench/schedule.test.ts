import { describe, expect, it } from 'vitest';
import { Schedule, shuffle, type Cell } from './schedule.js';
import { prng } from './stats.js';

const cells: Cell[] = ['a', 'b'].flatMap((program) => ['x', 'y', 'z'].map((engine) => ({ program, engine })));
const key = (c: Cell) => `${c.program}/${c.engine}`;

/** Runs the schedule to its end with a fixed cost per cell; returns the rounds. */
function drive(s: Schedule, costMs: (c: Cell) => number): { keys: string[]; warmup: boolean }[] {
  const rounds: { keys: string[]; warmup: boolean }[] = [];
  let elapsed = 0;
  for (let slots = s.nextRound(elapsed); slots; slots = s.nextRound(elapsed)) {
    rounds.push({ keys: slots.map((x) => key(x.cell)), warmup: slots[0]!.warmup });
    for (const slot of slots) {
      elapsed += costMs(slot.cell);
      s.record(slot.cell, costMs(slot.cell), !slot.warmup);
    }
  }
  return rounds;
}

describe('bench schedule', () => {
  it('runs warm-up rounds first, then every cell once per round until each has its runs', () => {
    const s = new Schedule(cells, { runs: 3, warmup: 1, budgetMs: 1e9, seed: 1 });
    const rounds = drive(s, () => 10);
    expect(rounds.map((r) => r.warmup)).toEqual([true, false, false, false]);
    for (const r of rounds) expect([...r.keys].sort()).toEqual(cells.map(key).sort());
    for (const c of cells) expect(s.kept(c)).toBe(3);
    expect(s.stopReason).toBeUndefined();
  });

  it('shuffles each round: orders differ between rounds, and the same seed gives the same orders', () => {
    const orders = (seed: number) => drive(new Schedule(cells, { runs: 6, warmup: 0, budgetMs: 1e9, seed }), () => 1).map((r) => r.keys.join());
    const a = orders(42);
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(orders(42)).toEqual(a);
    expect(orders(43)).not.toEqual(a);
  });

  it('drops the slowest cells after warm-up so that 8 runs of the rest fit the budget, saying why', () => {
    // per round: fast cells 5 x 10 ms, slow cell 1000 ms; budget after warm-up ~1,950 ms
    const cost = (c: Cell) => (key(c) === 'b/z' ? 1000 : 10);
    const s = new Schedule(cells, { runs: 10, warmup: 1, budgetMs: 3000, seed: 3 });
    drive(s, cost);
    expect(s.dropped({ program: 'b', engine: 'z' })).toMatch(/^too slow for the budget: one run takes 1\.00 s/);
    expect(s.kept({ program: 'b', engine: 'z' })).toBe(0);
    for (const c of cells.filter((c) => key(c) !== 'b/z')) expect(s.kept(c)).toBe(10);
  });

  it('stops starting rounds when the budget would be exceeded, and says so', () => {
    const s = new Schedule(cells, { runs: 100, warmup: 1, budgetMs: 600, seed: 5 });
    drive(s, () => 10); // a round costs 60 ms: warm-up + 9 rounds fit in 600 ms
    expect(s.kept(cells[0]!)).toBe(9);
    expect(s.stopReason).toMatch(/does not cover another round/);
  });

  it('a dropped cell gets no more runs', () => {
    const s = new Schedule(cells, { runs: 3, warmup: 0, budgetMs: 1e9, seed: 1 });
    s.drop(cells[0]!, 'wrong checksum');
    const rounds = drive(s, () => 1);
    expect(rounds.every((r) => !r.keys.includes(key(cells[0]!)))).toBe(true);
    expect(s.dropped(cells[0]!)).toBe('wrong checksum');
  });

  it('shuffle is a permutation', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffle(xs, prng(9)).sort((a, b) => a - b)).toEqual(xs);
  });
});
