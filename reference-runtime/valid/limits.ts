// Validity of limits, table types and memory types (spec 3.2.1, 3.2.4, 3.2.5).
import { ValidationError } from '../errors.js';
import type { Limits, MemType, TableType } from '../syntax/types.js';

/** 2^16 pages of 64 KiB: the 4 GiB of a 32-bit address space. */
export const MAX_PAGES = 65536;
const MAX_U32 = 0xffff_ffff;

export function validateLimits(limits: Limits, range: number, rangeMessage: string): void {
  if (limits.min > range) throw new ValidationError(rangeMessage);
  if (limits.max !== undefined) {
    if (limits.max > range) throw new ValidationError(rangeMessage);
    if (limits.min > limits.max) throw new ValidationError('size minimum must not be greater than maximum');
  }
}

export function validateTableType(t: TableType): void {
  validateLimits(t.limits, MAX_U32, 'table size must be at most 2^32-1');
}

export function validateMemType(t: MemType): void {
  validateLimits(t.limits, MAX_PAGES, 'memory size must be at most 65536 pages (4GiB)');
}
