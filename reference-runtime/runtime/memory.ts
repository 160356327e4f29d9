// Memory instances (spec 4.2.8): a byte vector in whole pages with optional
// maximum, addressed by i32 or (memory64) i64; the type keeps its address type.
import { Trap } from '../errors.js';
import { addrType, type MemType } from '../syntax/types.js';
import { GROW_PAGES_LIMIT, PAGE_SIZE, SPEC_MAX_PAGES } from './limits.js';
import { grownSize } from './growth.js';

export class MemoryInstance {
  bytes: Uint8Array;
  view: DataView;
  /** the same bytes as int32 words, for aligned 32-bit accesses */
  words: Int32Array;

  constructor(public type: MemType) {
    // the same limit as growth: a deterministic outcome instead of a host allocation failure
    if (type.limits.min > GROW_PAGES_LIMIT) throw new Trap('resource exhausted', `memory of ${type.limits.min} pages exceeds the limit of ${GROW_PAGES_LIMIT}`);
    this.bytes = new Uint8Array(type.limits.min * PAGE_SIZE);
    this.view = new DataView(this.bytes.buffer);
    this.words = new Int32Array(this.bytes.buffer);
  }

  get pages(): number {
    return this.bytes.length / PAGE_SIZE;
  }

  /** spec 4.5.3.9 growmem: the old size in pages, or -1 when it cannot grow (`delta`: a u32, or a u64 on a 64-bit memory). */
  grow(delta: number | bigint): number {
    const old = this.pages;
    const next = grownSize(old, delta, this.type.limits.max, SPEC_MAX_PAGES[addrType(this.type)], GROW_PAGES_LIMIT);
    if (next < 0) return -1;
    if (next === old) return old;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(next * PAGE_SIZE);
    } catch {
      return -1; // the host could not allocate: a failure the spec allows
    }
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
    this.words = new Int32Array(bytes.buffer);
    this.type = { ...this.type, limits: { ...this.type.limits, min: next } };
    return old;
  }
}
