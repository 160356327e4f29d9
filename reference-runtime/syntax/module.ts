// The module abstract syntax (spec section 2.5): what the decoder and the text
// parser produce, and what the encoder, printer, validator and interpreter consume.
import type { Instr } from './instructions.js';
import type { ExternKind, GlobalType, MemType, RefType, SubType, TableType, TagType, ValType } from './types.js';

export type ImportDesc =
  | { kind: 'func'; type: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; memory: MemType }
  | { kind: 'global'; global: GlobalType }
  | { kind: 'tag'; tag: TagType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

export interface Export {
  name: string;
  kind: ExternKind;
  index: number;
}

/** A function defined in the module (imported functions are in `imports`). */
export interface Func {
  type: number;
  /** Declared locals, expanded (one entry per local, parameters excluded). */
  locals: ValType[];
  body: Instr[];
}

export interface Global {
  type: GlobalType;
  init: Instr[];
}

export type ElemMode =
  | { kind: 'passive' }
  | { kind: 'declarative' }
  | { kind: 'active'; table: number; offset: Instr[] };

export interface Elem {
  type: RefType;
  /** One constant expression per element (a function index form is `[ref.func x]`). */
  init: Instr[][];
  mode: ElemMode;
  /**
   * How the binary format wrote the elements: as function indices (flags 0-3)
   * or as expressions (flags 4-7). Kept so that encode(decode(b)) preserves
   * the form; when absent the encoder picks indices whenever it can.
   */
  form?: 'indices' | 'exprs';
}

export type DataMode = { kind: 'passive' } | { kind: 'active'; memory: number; offset: Instr[] };

export interface Data {
  init: Uint8Array;
  mode: DataMode;
}

/** Binary section ids (spec 5.5.2), used to place custom sections. */
export const enum SectionId {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
  /** exception handling: placed between Memory and Global in the binary */
  Tag = 13,
}

export interface CustomSection {
  name: string;
  bytes: Uint8Array;
  /** The id of the last non-custom section before this one (0 when it comes first). */
  after: number;
}

/** Contents of the `name` custom section (appendix 7.4), when present. */
export interface NameSection {
  module?: string;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
}

/**
 * A recursive type group (3.0): `size` consecutive defined types. `explicit`
 * is a `rec` written in the text or binary form (possibly of one type, or
 * empty); an implicit group is a lone type written without `rec`.
 */
export interface RecGroup {
  size: number;
  explicit: boolean;
}

export interface Module {
  /** The defined types, flattened across rec groups: type indices index this. */
  types: SubType[];
  /**
   * The rec groups covering `types` in order. Absent: every type is its own
   * implicit group (all 2.0 modules, and any module built without `rec`).
   */
  recs?: RecGroup[];
  imports: Import[];
  funcs: Func[];
  tables: TableType[];
  mems: MemType[];
  /** tags defined in the module (imported tags are in `imports`) */
  tags: TagType[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elems: Elem[];
  datas: Data[];
  /**
   * Present when the module has a data count section (binary) or needs one
   * (text: a memory.init or data.drop is used); the number of data segments.
   */
  dataCount?: number;
  /** Custom sections other than `name`, in order. */
  customs: CustomSection[];
  names?: NameSection;
}

/** Appends a defined type as a rec group of its own (keeping `recs`, when present, covering every type); returns its index. */
export function appendType(m: Module, t: SubType): number {
  m.recs?.push({ size: 1, explicit: false });
  return m.types.push(t) - 1;
}

/** The types of the module's global index space: imported globals first, then its own. */
export function globalTypes(m: Module): GlobalType[] {
  return [...m.imports.flatMap((i) => (i.desc.kind === 'global' ? [i.desc.global] : [])), ...m.globals.map((g) => g.type)];
}

export function emptyModule(): Module {
  return { types: [], imports: [], funcs: [], tables: [], mems: [], tags: [], globals: [], exports: [], elems: [], datas: [], customs: [] };
}
