// Table instances (spec 4.2.7): a vector of references with optional maximum.
import { Trap } from '../errors.js';
import type { TableType } from '../syntax/types.js';
import { TABLE_ELEMS_LIMIT } from './limits.js';
import { growth } from './growth.js';

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

  /** spec 4.5.3.8 growtable: the old size, or -1 when it cannot grow. */
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    const next = old + delta;
    const max = this.type.limits.max ?? 0xffff_ffff;
    if (next > max) return -1;
    growth.choices++;
    if (next > TABLE_ELEMS_LIMIT) return -1;
    for (let i = old; i < next; i++) this.elements.push(init);
    this.type = { ...this.type, limits: { ...this.type.limits, min: next } };
    return old;
  }
}
