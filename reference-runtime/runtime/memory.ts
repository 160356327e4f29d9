// Memory instances (spec 4.2.8): a byte vector in whole pages with optional maximum.
import { Trap } from '../errors.js';
import type { MemType } from '../syntax/types.js';
import { GROW_PAGES_LIMIT, MAX_PAGES, PAGE_SIZE } from './limits.js';
import { growth } from './growth.js';

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

  /** spec 4.5.3.9 growmem: the old size in pages, or -1 when it cannot grow. */
  grow(delta: number): number {
    const old = this.pages;
    const next = old + delta;
    const max = this.type.limits.max ?? MAX_PAGES;
    if (next > max || next > MAX_PAGES) return -1;
    growth.choices++;
    if (next > GROW_PAGES_LIMIT) return -1;
    if (delta === 0) return old;
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
    this.type = { limits: { ...this.type.limits, min: next } };
    return old;
  }
}
