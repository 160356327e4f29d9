// Validity of limits, table types and memory types (spec 3.2.1, 3.2.4, 3.2.5).
// The address type bounds the limits (runtime/limits.ts has the bounds):
// i32 memories at most 2^16 pages, i64 ones 2^48; i32 tables at most 2^32-1
// elements, i64 ones 2^64-1.
import { ValidationError } from '../errors.js';
import { SPEC_MAX_ELEMS, SPEC_MAX_PAGES } from '../runtime/limits.js';
import { addrType, type Limits, type MemType, type TableType } from '../syntax/types.js';

// Limits are numbers, exact to 2^53: a u64 above that is its nearest double,
// at most 2^64, which is also the double nearest 2^64-1, so no u64 exceeds the
// i64 table bound here, as none does in the spec.
const MEM_RANGE = { i32: Number(SPEC_MAX_PAGES.i32), i64: Number(SPEC_MAX_PAGES.i64) };
const TABLE_RANGE = { i32: Number(SPEC_MAX_ELEMS.i32), i64: Number(SPEC_MAX_ELEMS.i64) };
const MEM_MESSAGE = { i32: 'memory size must be at most 65536 pages (4GiB)', i64: 'memory size must be at most 48 bits of pages' };
const TABLE_MESSAGE = { i32: 'table size must be at most 2^32-1', i64: 'table size must be at most 2^64-1' };

export function validateLimits(limits: Limits, range: number, rangeMessage: string): void {
  if (limits.min > range) throw new ValidationError(rangeMessage);
  if (limits.max !== undefined) {
    if (limits.max > range) throw new ValidationError(rangeMessage);
    if (limits.min > limits.max) throw new ValidationError('size minimum must not be greater than maximum');
  }
}

export function validateTableType(t: TableType): void {
  const at = addrType(t);
  validateLimits(t.limits, TABLE_RANGE[at], TABLE_MESSAGE[at]);
}

export function validateMemType(t: MemType): void {
  const at = addrType(t);
  validateLimits(t.limits, MEM_RANGE[at], MEM_MESSAGE[at]);
}
