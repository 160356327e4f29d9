// Function instances (spec 4.2.6): a wasm function closed over its module
// instance, or a host function. The object itself is the funcref identity.
import type { Func } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import type { Compiled } from '../exec/compiled.js';
import type { ModuleInstance } from './instance.js';
import type { Value } from './values.js';

export interface WasmFunc {
  kind: 'wasm';
  type: FuncType;
  instance: ModuleInstance;
  code: Func;
  /** The flat instruction stream, filled at first call. */
  compiled?: Compiled;
}

export interface HostFunc {
  kind: 'host';
  type: FuncType;
  /** Called with arguments of the declared types; must return values of the declared result types. */
  call: (args: Value[]) => Value[];
}

export type FuncInstance = WasmFunc | HostFunc;

export function hostFunc(type: FuncType, call: (args: Value[]) => Value[]): HostFunc {
  return { kind: 'host', type, call };
}
