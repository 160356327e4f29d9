// Table instances (spec 4.2.7): a vector of references with optional maximum.
import { Trap } from '../errors.js';
import { addrType, type TableType } from '../syntax/types.js';
import { SPEC_MAX_ELEMS, TABLE_ELEMS_LIMIT } from './limits.js';
import { grownSize } from './growth.js';

export class TableInstance {
  elements: unknown[];

  constructor(
    public type: TableType,
    init: unknown = null,
  ) {
    if (type.limits.min > TABLE_ELEMS_LIMIT) throw new Trap('resource exhausted', `table of ${type.limits.min} elements exceeds the limit of ${TABLE_ELEMS_LIMIT}`);
    this.elements = new Array<unknown>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** spec 4.5.3.8 growtable: the old size, or -1 when it cannot grow (`delta`: a u32, or a u64 on a 64-bit table). */
  grow(delta: number | bigint, init: unknown): number {
    const old = this.elements.length;
    const next = grownSize(old, delta, this.type.limits.max, SPEC_MAX_ELEMS[addrType(this.type)], TABLE_ELEMS_LIMIT);
    if (next < 0) return -1;
    for (let i = old; i < next; i++) this.elements.push(init);
    this.type = { ...this.type, limits: { ...this.type.limits, min: next } };
    return old;
  }
}
