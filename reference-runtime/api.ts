// The public API of the reference runtime: what the harness and the adapters
// use. Decode or parse a module, validate it, instantiate it against imports,
// invoke its exports (with the set of results the spec allows), and inspect
// its exported memories, tables and globals. Every phase takes a feature set
// (syntax/features.ts): WASM_3_0 by default, WASM_2_0 to judge by 2.0 rules,
// or the features a runtime was probed to have.
import { decodeModule } from './binary/decode.js';
import { Coverage } from './exec/coverage.js';
import { invokeFunction, type Allowed, type InvokeResult } from './exec/invoke.js';
import { hostFunc, type FuncInstance, type HostFunc } from './runtime/func.js';
import { GlobalInstance } from './runtime/global.js';
import type { ExternVal, Imports, ModuleInstance } from './runtime/instance.js';
import { instantiate as instantiateModule } from './runtime/instantiate.js';
import { MemoryInstance } from './runtime/memory.js';
import { TableInstance } from './runtime/table.js';
import { defaultValue, hasType, HostRef, type Value } from './runtime/values.js';
import { ArrayRef, StructRef, getElem, getField } from './runtime/aggregate.js';
import { describeRef, digestRef, type RefDescription } from './runtime/describe-ref.js';
import { I31Ref } from './runtime/i31.js';
import { refValueType } from './runtime/ref-type.js';
import { spectest } from './host/spectest.js';
import type { Module } from './syntax/module.js';
import { WASM_2_0, WASM_3_0, featuresOf, type Feature, type FeatureSet, type SpecVersion } from './syntax/features.js';
import type { FuncType } from './syntax/types.js';
import { canonicalTypes, defType } from './types/canonical.js';
import { parseWat as parseWatText } from './text/parse-module.js';
import { validateModule } from './valid/validate.js';

export type { Allowed, ExternVal, Feature, FeatureSet, FuncInstance, HostFunc, Imports, InvokeResult, Module, ModuleInstance, RefDescription, SpecVersion, Value };
export { WASM_2_0, WASM_3_0, featuresOf };
export { Coverage, GlobalInstance, HostRef, MemoryInstance, TableInstance, defaultValue, hasType, spectest };
// references (3.0): GC objects, i31s, what a reference is, and the API value type of a reference type
export { ArrayRef, I31Ref, StructRef, describeRef, digestRef, getElem, getField, refValueType };
export { DecodeError, Exhaustion, LinkError, ParseError, Trap, UncaughtException, ValidationError, WasmError, type TrapKind } from './errors.js';
export { MAX_CALL_DEPTH, GROW_PAGES_LIMIT, TABLE_ELEMS_LIMIT, GC_ALLOC_LIMIT, REF_ARRAY_LIMIT } from './runtime/limits.js';

/** Decodes a binary module (throws DecodeError). */
export function decode(bytes: Uint8Array, features: FeatureSet = WASM_3_0): Module {
  return decodeModule(bytes, features);
}

/** Parses a WAT module (throws ParseError). */
export function parseWat(text: string, file?: string, features: FeatureSet = WASM_3_0): Module {
  return parseWatText(text, file, features);
}

/** Validates a module (throws ValidationError). */
export function validate(module: Module, features: FeatureSet = WASM_3_0): void {
  validateModule(module, features);
}

export interface InstantiateOptions {
  /**
   * Count every instruction this instance executes (its start function and
   * every later call into its functions) into this Coverage: exact
   * per-mnemonic counts, read with `coverage.counts()`. The instance then
   * runs unfused counting code (slower); instances without it are unaffected.
   * See exec/coverage.ts for what counts as executed.
   */
  coverage?: Coverage;
  /** the rules the module is validated by (default: 3.0) */
  features?: FeatureSet;
  /**
   * The caller validated this very module by `features` already (a plan
   * makes a fresh instance after every trap; validation is the larger part
   * of instantiating a small module), so it is not validated again.
   */
  validated?: boolean;
}

/**
 * Instantiates a module (validating it first): throws ValidationError,
 * LinkError on unknown or mismatched imports, Trap when segment
 * initialisation or the start function traps, Exhaustion.
 */
export function instantiate(module: Module, imports: Imports = new Map(), options: InstantiateOptions = {}): ModuleInstance {
  if (options.validated !== true) validateModule(module, options.features ?? WASM_3_0);
  return instantiateModule(module, imports, options.coverage);
}

/**
 * The CLOSED form of type `index` of `module` (a function type): what a host
 * function for one of its imports needs, and what the module's function
 * instances carry (a concrete reference then names a TypeId, not an index).
 */
export function closedFuncType(module: Module, index: number): FuncType {
  const t = defType(canonicalTypes(module)[index]!);
  if (t.kind !== 'func') throw new TypeError(`type ${index} is not a function type`);
  return t;
}

/** A host function usable as an import; its type is closed (see closedFuncType). */
export function hostFunction(type: FuncType, call: (args: Value[]) => Value[]): ExternVal {
  return { kind: 'func', value: hostFunc(type, call) };
}

type ExternOf<K extends ExternVal['kind']> = Extract<ExternVal, { kind: K }>['value'];

function exported<K extends ExternVal['kind']>(inst: ModuleInstance, name: string, kind: K): ExternOf<K> {
  const ex = inst.exports.get(name);
  if (ex === undefined || ex.kind !== kind) throw new TypeError(`no exported ${kind} named "${name}"`);
  return ex.value as unknown as ExternOf<K>;
}

/**
 * Calls an exported function. Traps throw `Trap` (with its kind), stack
 * exhaustion throws `Exhaustion`, an uncaught exception `UncaughtException`; the result carries the values, and which
 * values the spec would also allow (see exec/invoke.ts).
 */
export function invoke(inst: ModuleInstance, exportName: string, args: Value[]): InvokeResult {
  return invokeFunction(exported(inst, exportName, 'func'), args);
}

/** The current value of an exported global. */
export function getGlobal(inst: ModuleInstance, exportName: string): Value {
  return exported(inst, exportName, 'global').get();
}

/** The live bytes of an exported memory (a view: copy it to keep a snapshot). */
export function getMemory(inst: ModuleInstance, exportName: string): Uint8Array {
  return exported(inst, exportName, 'memory').bytes;
}

/** The elements of an exported table, as values of its element type. */
export function getTable(inst: ModuleInstance, exportName: string): Value[] {
  const t = exported(inst, exportName, 'table');
  const type = refValueType(t.type.elem);
  return t.elements.map((r) => ({ type, ref: r }) as Value);
}

/** Every export of an instance with its kind, in definition order. */
export function listExports(inst: ModuleInstance): { name: string; kind: ExternVal['kind'] }[] {
  return [...inst.exports].map(([name, v]) => ({ name, kind: v.kind }));
}
