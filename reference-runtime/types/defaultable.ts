// Defaultable types (3.0, spec 3.2.x): the types with a default value, which
// locals, struct.new_default, array.new_default and tables without an
// initialiser need. Every type but a non-nullable reference.
import { isNullable, isRefType, type StorageType } from '../syntax/types.js';

export function isDefaultable(t: StorageType): boolean {
  return t === 'i8' || t === 'i16' || !isRefType(t) || isNullable(t);
}
