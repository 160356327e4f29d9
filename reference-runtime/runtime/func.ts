// Function instances (spec 4.2.6): a wasm function closed over its module
// instance, or a host function. The object itself is the funcref identity.
// Both carry their function type CLOSED (concrete references are TypeIds)
// and its TypeId, which call_indirect, call_ref's callers and casts match.
import type { Func } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import { internFuncType, type TypeId } from '../types/canonical.js';
import type { Compiled } from '../exec/compiled.js';
import type { ModuleInstance } from './instance.js';
import type { Value } from './values.js';

export interface WasmFunc {
  kind: 'wasm';
  type: FuncType;
  typeId: TypeId;
  instance: ModuleInstance;
  code: Func;
  /** The flat instruction stream, filled at first call. */
  compiled?: Compiled;
}

export interface HostFunc {
  kind: 'host';
  type: FuncType;
  typeId: TypeId;
  /** Called with arguments of the declared types; must return values of the declared result types. */
  call: (args: Value[]) => Value[];
}

export type FuncInstance = WasmFunc | HostFunc;

/** A host function of a (closed) function type: its TypeId is that of the type as a lone rec group. */
export function hostFunc(type: FuncType, call: (args: Value[]) => Value[]): HostFunc {
  return { kind: 'host', type, typeId: internFuncType(type), call };
}
