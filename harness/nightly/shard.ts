// Deterministic sharding for `wasmdiff nightly --shard i/n` (i from 1 to n,
// as a CI matrix writes it): shard i takes the spec files and benchmark
// programs whose index is i-1 mod n, and the fuzz chunks i-1, i-1+n, ... (the
// fuzz loop strides over its seed's chunks itself), so n shards together do
// exactly what one unsharded run does, each part once.
import { UserError } from '../../adapters/project.js';

/** Zero-based index, as the fuzz loop takes it. */
export interface Shard {
  index: number;
  count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!(n >= 1 && i >= 1 && i <= n)) throw new UserError(`nightly: --shard must be i/n with 1 <= i <= n (e.g. 2/4), got ${text}`);
  return { index: i - 1, count: n };
}

export function showShard(s: Shard): string {
  return `${s.index + 1}/${s.count}`;
}

/** The items of this shard: those whose position is index mod count, in their order. */
export function shardItems<T>(items: readonly T[], s: Shard): T[] {
  return items.filter((_, k) => k % s.count === s.index);
}

/**
 * How many fuzz cases shard `s` runs so that all shards together run the
 * first `total` cases of the unsharded sequence: the sequence is cut into
 * chunks of `chunk` cases, chunk j belongs to shard j mod count, and only
 * the last chunk may be partial.
 */
export function shardCases(total: number, chunk: number, s: Shard): number {
  let cases = 0;
  for (let start = s.index * chunk; start < total; start += s.count * chunk) cases += Math.min(chunk, total - start);
  return cases;
}
