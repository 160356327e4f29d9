// The stream of decisions a generator reads, in the style of wasm-smith's
// `Unstructured`: every choice (which instruction, which constant, how many
// statements) is one number from a fast-check array. fast-check shrinks the
// array by dropping and zeroing entries, and an exhausted stream answers 0 to
// every question, so the generator is written so that 0 is always the simplest
// answer (stop, leaf, first option): a shrunk stream is a smaller module.
import fc from 'fast-check';

export class Choices {
  private pos = 0;

  constructor(private readonly data: readonly number[]) {}

  /** A number in [0, n); 0 once the stream is exhausted. */
  int(n: number): number {
    if (n <= 1) return 0;
    const v = this.data[this.pos++];
    return v === undefined ? 0 : v % n;
  }

  /** True with about `percent`% probability; false on an exhausted stream. */
  chance(percent: number): boolean {
    return this.int(100) >= 100 - percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** Picks by weight: `[weight, value]` pairs; the first entry is what an exhausted stream gets. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let r = this.int(total);
    for (const [w, v] of entries) {
      if (r < w) return v;
      r -= w;
    }
    return entries[0]![1];
  }

  /** 32 uniform bits (two choices of 16 bits). */
  u32(): number {
    return ((this.int(0x10000) << 16) | this.int(0x10000)) >>> 0;
  }

  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }

  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }

  /** How many choices were read (for sizing streams). */
  get used(): number {
    return this.pos;
  }
}

/** Streams of choices; each entry is below 2^16 so that two make 32 bits. */
export function choicesArb(maxLength: number, minLength = 0): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength, maxLength, size: 'max' });
}
