// Module instances and external values (spec 4.2.5, 4.2.11).
import type { SubType } from '../syntax/types.js';
import type { TypeId } from '../types/canonical.js';
import type { FuncInstance } from './func.js';
import type { GlobalInstance } from './global.js';
import type { MemoryInstance } from './memory.js';
import type { TableInstance } from './table.js';
import type { TagInstance } from './tag.js';

export type ExternVal =
  | { kind: 'func'; value: FuncInstance }
  | { kind: 'table'; value: TableInstance }
  | { kind: 'memory'; value: MemoryInstance }
  | { kind: 'global'; value: GlobalInstance }
  | { kind: 'tag'; value: TagInstance };

export interface ModuleInstance {
  /** the module's defined types, module-relative (what the compiler reads) */
  types: SubType[];
  /** type index → TypeId (canonical, process-global) */
  typeIds: readonly TypeId[];
  funcs: FuncInstance[];
  tables: TableInstance[];
  mems: MemoryInstance[];
  globals: GlobalInstance[];
  /** imported tags first, then the module's own */
  tags: TagInstance[];
  /** Element segments' references; a dropped segment is empty. */
  elems: unknown[][];
  /** Data segments' bytes; a dropped segment is empty. */
  datas: Uint8Array[];
  exports: Map<string, ExternVal>;
}

/** What `instantiate` resolves imports from: module name -> field name -> external value. */
export type Imports = Map<string, Map<string, ExternVal>> | Record<string, Record<string, ExternVal>>;

export function lookupImport(imports: Imports, module: string, name: string): ExternVal | undefined {
  if (imports instanceof Map) return imports.get(module)?.get(name);
  const m = Object.prototype.hasOwnProperty.call(imports, module) ? imports[module] : undefined;
  return m !== undefined && Object.prototype.hasOwnProperty.call(m, name) ? m[name] : undefined;
}

/** An instance's exports as an import namespace (what `register` publishes). */
export function exportsOf(inst: ModuleInstance): Map<string, ExternVal> {
  return inst.exports;
}
