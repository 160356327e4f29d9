import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseShard, shardCases, shardItems, showShard } from './shard.js';

const shardsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ index, count }));

describe('parseShard', () => {
  it('reads i/n as a zero-based index and prints it back', () => {
    expect(parseShard('2/4')).toEqual({ index: 1, count: 4 });
    expect(showShard(parseShard('4/4'))).toBe('4/4');
  });
  it.each(['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3', ''])('rejects %j with one line', (text) => {
    expect(() => parseShard(text)).toThrow(/^nightly: --shard must be i\/n/);
  });
});

describe('shardItems', () => {
  it('splits any list into a partition that keeps each shard in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (items, count) => {
        const parts = shardsOf(count).map((s) => shardItems(items.map((v, k) => ({ v, k })), s));
        const all = parts.flat().map((x) => x.k).sort((a, b) => a - b);
        expect(all).toEqual(items.map((_, k) => k));
        for (const p of parts) expect(p.map((x) => x.k)).toEqual([...p.map((x) => x.k)].sort((a, b) => a - b));
      }),
    );
  });
});

describe('shardCases', () => {
  it('gives the shards exactly the cases of the unsharded sequence, chunk by chunk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), (total, chunk, count) => {
        const counts = shardsOf(count).map((s) => shardCases(total, chunk, s));
        expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
        // each shard's cases are whole chunks of its own, the global last one possibly partial
        counts.forEach((c, index) => {
          const chunks = Math.ceil(total / chunk);
          const mine = Array.from({ length: chunks }, (_, j) => j).filter((j) => j % count === index);
          const expected = mine.reduce((n, j) => n + Math.min(chunk, total - j * chunk), 0);
          expect(c).toBe(expected);
        });
      }),
    );
  });
  it('is the whole count unsharded', () => {
    expect(shardCases(45, 20, { index: 0, count: 1 })).toBe(45);
    expect(shardCases(45, 20, { index: 1, count: 2 })).toBe(20);
    expect(shardCases(45, 20, { index: 0, count: 2 })).toBe(25);
  });
});
