// The type section (spec 5.3.7-5.3.10, 5.5.4), both directions: recursive
// groups (0x4E vec(subtype)) or lone types, sub types (0x50 `sub`, 0x4F
// `sub final`, each with its supertype indices) and composite types (0x60
// func, 0x5F struct, 0x5E array) with their field types. Before GC every
// entry is a function type. The AST keeps what the bytes said (explicit
// groups in `Module.recs`, `sub` clauses only where written) so that
// encode(decode(b)) gives b back.
import { DecodeError } from '../errors.js';
import type { Module, RecGroup } from '../syntax/module.js';
import type { CompType, FieldType, StorageType, SubType } from '../syntax/types.js';
import { isFuncType } from '../syntax/types.js';
import type { Reader } from './reader.js';
import { FUNC_TYPE_TAG, readMutability, readTypeUse, readValType, typeCode, writeValType } from './types.js';
import type { Writer } from './writer.js';

const STRUCT_TYPE = 0x5f;
const ARRAY_TYPE = 0x5e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;
const REC = 0x4e;
const PACKED_I8 = 0x78;
const PACKED_I16 = 0x77;

/** The type section's contents: its defined types, flattened, and the groups when any is explicit. */
export function readTypeSection(r: Reader, m: Module): void {
  const types: SubType[] = [];
  const groups: RecGroup[] = [];
  const count = r.len32();
  for (let i = 0; i < count; i++) {
    if (r.has('gc') && r.peek() === REC) {
      r.pos++;
      const size = r.len32();
      for (let k = 0; k < size; k++) types.push(readSubType(r));
      groups.push({ size, explicit: true });
    } else {
      types.push(readSubType(r));
      groups.push({ size: 1, explicit: false });
    }
  }
  m.types = types;
  if (groups.some((g) => g.explicit)) m.recs = groups;
}

function readSubType(r: Reader): SubType {
  const b = r.peek();
  if ((b === SUB || b === SUB_FINAL) && r.has('gc')) {
    r.pos++;
    const supers = r.vec(readTypeUse);
    return { ...readCompType(r), sub: { final: b === SUB_FINAL, supers } };
  }
  return readCompType(r);
}

function readCompType(r: Reader): CompType {
  const at = r.pos;
  const code = typeCode(r);
  if (code === FUNC_TYPE_TAG) {
    const params = r.vec(readValType);
    return { params, results: r.vec(readValType) };
  }
  if (!r.has('gc')) return r.fail('malformed function type', at);
  if (code === STRUCT_TYPE) return { kind: 'struct', fields: r.vec(readFieldType) };
  if (code === ARRAY_TYPE) return { kind: 'array', field: readFieldType(r) };
  return r.fail('malformed definition type', at);
}

function readFieldType(r: Reader): FieldType {
  const type = readStorageType(r);
  return { type, mutable: readMutability(r) };
}

/**
 * A value type, else a packed type: the spec tries them in that order and
 * reports the packed type's failure (i8 and i16 are no value types, so
 * their bytes go straight to the packed form).
 */
function readStorageType(r: Reader): StorageType {
  const at = r.pos;
  const b = r.peek();
  if (b === PACKED_I8 || b === PACKED_I16) {
    r.pos++;
    return b === PACKED_I8 ? 'i8' : 'i16';
  }
  try {
    return readValType(r);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
  r.pos = at;
  typeCode(r);
  return r.fail('malformed storage type', at);
}

/** One entry of the type section: a rec group written with 0x4E, or a lone type (an implicit group). */
export interface TypeEntry {
  explicit: boolean;
  types: SubType[];
}

/** The module's types as the type section's entries; types the groups leave uncovered are implicit groups. */
export function typeEntries(m: Module): TypeEntry[] {
  const entries: TypeEntry[] = [];
  let next = 0;
  for (const g of m.recs ?? []) {
    if (!g.explicit && g.size !== 1) throw new Error('encode: an implicit rec group has exactly one type');
    if (next + g.size > m.types.length) throw new Error(`encode: rec groups cover more types than the module's ${m.types.length}`);
    entries.push({ explicit: g.explicit, types: m.types.slice(next, (next += g.size)) });
  }
  for (; next < m.types.length; next++) entries.push({ explicit: false, types: [m.types[next]!] });
  return entries;
}

export function writeTypeEntry(w: Writer, e: TypeEntry): void {
  if (e.explicit) w.byte(REC).vec(e.types, writeSubType);
  else writeSubType(w, e.types[0]!);
}

function writeSubType(w: Writer, t: SubType): void {
  if (t.sub !== undefined) w.byte(t.sub.final ? SUB_FINAL : SUB).vec(t.sub.supers, (ww, x) => ww.u32(x));
  if (isFuncType(t)) w.byte(FUNC_TYPE_TAG).vec(t.params, writeValType).vec(t.results, writeValType);
  else if (t.kind === 'struct') w.byte(STRUCT_TYPE).vec(t.fields, writeFieldType);
  else writeFieldType(w.byte(ARRAY_TYPE), t.field);
}

function writeFieldType(w: Writer, f: FieldType): void {
  if (f.type === 'i8') w.byte(PACKED_I8);
  else if (f.type === 'i16') w.byte(PACKED_I16);
  else writeValType(w, f.type);
  w.byte(f.mutable ? 1 : 0);
}
