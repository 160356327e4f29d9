import { describe, expect, it } from 'vitest';
import { Schedule, shuffle, type Cell } from './schedule.js';
import { prng } from './stats.js';

const grid = (programs: string[], engines: string[]): Cell[] => programs.flatMap((program) => engines.map((engine) => ({ program, engine })));
const cells = grid(['a', 'b'], ['x', 'y', 'z']);
const key = (c: Cell) => `${c.program}/${c.engine}`;

interface Round {
  keys: string[];
  warmup: boolean;
}

/**
 * Runs the schedule to its end with a made-up cost per run; a run costing more
 * than `timeoutMs` is a timeout (it costs the limit and drops its cell).
 */
function drive(s: Schedule, costMs: (c: Cell) => number, timeoutMs = Infinity): { rounds: Round[]; elapsed: number } {
  const rounds: Round[] = [];
  let elapsed = 0;
  for (let slots = s.nextRound(elapsed); slots; slots = s.nextRound(elapsed)) {
    rounds.push({ keys: slots.map((x) => key(x.cell)), warmup: slots[0]!.warmup });
    for (const slot of slots) {
      const ms = costMs(slot.cell);
      if (ms > timeoutMs) {
        elapsed += timeoutMs;
        s.drop(slot.cell, `timeout (> ${timeoutMs} ms)`, 'timeout');
        continue;
      }
      elapsed += ms;
      s.record(slot.cell, ms, !slot.warmup);
    }
  }
  return { rounds, elapsed };
}

describe('bench schedule', () => {
  it('takes programs whole: each row runs its warm-up, then rounds of every engine on that program', () => {
    const s = new Schedule(cells, { runs: 3, warmup: 1, budgetMs: 1e9, seed: 1 });
    const { rounds } = drive(s, () => 10);
    expect(rounds.map((r) => r.warmup)).toEqual([true, false, false, false, true, false, false, false]);
    const [first, second] = s.programs;
    for (const [k, r] of rounds.entries()) {
      const program = k < 4 ? first : second;
      expect([...r.keys].sort()).toEqual(['x', 'y', 'z'].map((e) => `${program}/${e}`));
    }
    for (const c of cells) expect(s.kept(c)).toBe(3);
    expect(s.stopReason).toBeUndefined();
  });

  it('shuffles each round and the program order: the same seed gives the same orders, another seed others', () => {
    const programs = ['p', 'q', 'r', 's', 't', 'u'];
    const orders = (seed: number) => {
      const s = new Schedule(grid(programs, ['x', 'y', 'z']), { runs: 6, warmup: 0, budgetMs: 1e9, seed });
      return [s.programs.join(), ...drive(s, () => 1).rounds.map((r) => r.keys.join())];
    };
    const a = orders(42);
    expect(new Set(a.slice(1, 7)).size).toBeGreaterThan(1);
    expect(orders(42)).toEqual(a);
    expect(orders(43)).not.toEqual(a);
    expect(new Set([1, 2, 3, 4, 5].map((seed) => orders(seed)[0])).size).toBeGreaterThan(1);
  });

  it('leaves whole programs out when the budget cannot give every cell 8 runs, and says how many fit', () => {
    // every run 100 ms, 2 engines: a row costs (1 warm-up + 8) x 200 ms = 1.8 s; 4 s fit two rows of three
    const s = new Schedule(grid(['a', 'b', 'c'], ['x', 'y']), { runs: 8, warmup: 1, budgetMs: 4000, seed: 7 });
    const { elapsed } = drive(s, () => 100);
    const [p1, p2, p3] = s.programs;
    for (const p of [p1!, p2!]) for (const e of ['x', 'y']) expect(s.kept({ program: p, engine: e })).toBe(8);
    for (const e of ['x', 'y']) {
      expect(s.kept({ program: p3!, engine: e })).toBe(0);
      expect(s.dropped({ program: p3!, engine: e })).toBe('left out: budget (2 of 3 programs fit)');
      expect(s.droppedKind({ program: p3!, engine: e })).toBe('left-out');
    }
    expect(s.programsLeftOut()).toEqual([p3]);
    expect(elapsed).toBe(3600);
    expect(s.stopReason).toMatch(/less than one more program needs/);
  });

  it('runs rounds past 8, up to --runs, only while they fit', () => {
    // row round 200 ms: the first row gets its 10 runs (2.2 s with warm-up), the second 8 (1.8 s), the third none
    const s = new Schedule(grid(['a', 'b', 'c'], ['x', 'y']), { runs: 10, warmup: 1, budgetMs: 4100, seed: 3 });
    drive(s, () => 100);
    const [p1, p2, p3] = s.programs;
    expect(s.kept({ program: p1!, engine: 'x' })).toBe(10);
    expect(s.kept({ program: p2!, engine: 'x' })).toBe(8);
    expect(s.kept({ program: p3!, engine: 'x' })).toBe(0);
    expect(s.dropped({ program: p3!, engine: 'y' })).toBe('left out: budget (2 of 3 programs fit)');
  });

  it('leaves out a program too slow for the budget and still measures the cheaper ones after it', () => {
    // 'big' needs 9 x 2 x 1 s; the budget of 5 s cannot hold it, the 10 ms rows (180 ms each) fit
    const programs = ['big', 'p', 'q', 'r', 's'];
    for (const seed of [1, 2, 3, 4]) {
      const s = new Schedule(grid(programs, ['x', 'y']), { runs: 8, warmup: 1, budgetMs: 5000, seed });
      const { elapsed } = drive(s, (c) => (c.program === 'big' ? 1000 : 10));
      expect(s.programsLeftOut()).toEqual(['big']);
      expect(s.dropped({ program: 'big', engine: 'x' })).toBe('left out: budget (4 of 5 programs fit)');
      for (const p of programs.slice(1)) for (const e of ['x', 'y']) expect(s.kept({ program: p, engine: e })).toBe(8);
      expect(elapsed).toBeLessThanOrEqual(5000);
    }
  });

  it('does not try an engine on later programs once it timed out on two, saying where', () => {
    const programs = ['a', 'b', 'c', 'd', 'e'];
    const s = new Schedule(grid(programs, ['fast', 'slow']), { runs: 8, warmup: 1, budgetMs: 1e9, seed: 11 });
    const { rounds } = drive(s, (c) => (c.engine === 'slow' ? 1e6 : 5), 3000);
    const slowRuns = rounds.flatMap((r) => r.keys).filter((k) => k.endsWith('/slow'));
    const [p1, p2, ...rest] = s.programs;
    expect(slowRuns).toEqual([`${p1}/slow`, `${p2}/slow`]);
    expect(s.dropped({ program: p1!, engine: 'slow' })).toBe('timeout (> 3000 ms)');
    for (const p of rest) {
      expect(s.dropped({ program: p, engine: 'slow' })).toBe(`timeout (> 3000 ms) on ${p1} and ${p2}: not tried`);
      expect(s.droppedKind({ program: p, engine: 'slow' })).toBe('timeout');
    }
    for (const p of programs) expect(s.kept({ program: p, engine: 'fast' })).toBe(8);
  });

  it('a dropped cell gets no more runs', () => {
    const s = new Schedule(cells, { runs: 3, warmup: 0, budgetMs: 1e9, seed: 1 });
    s.drop(cells[0]!, 'wrong checksum');
    const { rounds } = drive(s, () => 1);
    expect(rounds.every((r) => !r.keys.includes(key(cells[0]!)))).toBe(true);
    expect(s.dropped(cells[0]!)).toBe('wrong checksum');
  });

  it('shuffle is a permutation', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffle(xs, prng(9)).sort((a, b) => a - b)).toEqual(xs);
  });
});
