// The .wast script language (WebAssembly/spec interpreter/README.md, "Scripts"):
// what the script parser produces and the script runner consumes.
import type { Module } from './module.js';
import type { RefType } from './types.js';

/** A module as a script writes it: parsed text, raw binary, or quoted text (parsed only when run). */
export type ModuleSource =
  | { kind: 'text'; module: Module }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'quote'; text: string };

/** A constant argument or exact expected value, with exact bits. */
export type WastConst =
  | { type: 'i32'; value: number } // signed 32-bit
  | { type: 'i64'; value: bigint } // signed 64-bit
  | { type: 'f32'; bits: number } // unsigned 32-bit IEEE bits
  | { type: 'f64'; bits: bigint } // unsigned 64-bit IEEE bits
  | { type: 'v128'; bytes: Uint8Array } // 16 bytes, little-endian lanes
  /** `(ref.null ht)`: a null of the nullable type refType(true, ht) ('nullref' for none, 'anyref', 'ref null 3', ...) */
  | { type: 'ref.null'; refType: RefType }
  | { type: 'ref.extern'; value: number } // `(ref.extern N)`: host reference N, in the extern hierarchy
  | { type: 'ref.host'; value: number }; // `(ref.host N)`: host reference N, in the any hierarchy (3.0)

/** The abstract heap types a `(ref.<kind>)` result pattern names, besides func and extern. */
export type RefKindPattern = 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'exn';

/** A lane or scalar float expectation that accepts a set of NaNs. */
export type NanPattern = 'nan:canonical' | 'nan:arithmetic';

/** What an assert_return accepts for one result. */
export type WastExpected =
  | WastConst
  | { type: 'f32' | 'f64'; nan: NanPattern }
  /** v128 given per lane; each lane exact bits (as for WastConst f32/f64/int) or a NaN pattern */
  | { type: 'v128-lanes'; shape: 'f32x4' | 'f64x2'; lanes: (number | bigint | NanPattern)[] }
  /** any non-null function reference */
  | { type: 'ref.func' }
  /** any non-null external reference (`ref.extern` without a number) */
  | { type: 'ref.extern-any' }
  /** any null reference, of whatever type (`(ref.null)` without a heap type) */
  | { type: 'ref.null-any' }
  /**
   * a non-null reference whose type matches the abstract heap type (3.0): `(ref.any)` (also written `(ref)`),
   * `(ref.eq)`, `(ref.i31)`, `(ref.struct)`, `(ref.array)`, `(ref.exn)`; func and extern keep their shapes above
   */
  | { type: 'ref.kind'; heap: RefKindPattern }
  /** `(either r1 r2 ...)`: the result matches one of the alternatives (each a whole pattern) */
  | { type: 'either'; options: WastExpected[] };

export type Action =
  | { kind: 'invoke'; module?: string; name: string; args: WastConst[] }
  | { kind: 'get'; module?: string; name: string };

export type Command =
  /** `(module $id? ...)`: define and instantiate; `name` names both the definition and the instance */
  | { kind: 'module'; line: number; name?: string; source: ModuleSource }
  /** `(module definition $id? ...)`: decode/parse and validate only, never instantiated here */
  | { kind: 'module_definition'; line: number; name?: string; source: ModuleSource }
  /**
   * `(module instance $inst? $def?)`: instantiate a definition (`definition` absent: the most
   * recent one); the instance is named `instance` (absent: unnamed, but still the current one)
   */
  | { kind: 'module_instance'; line: number; instance?: string; definition?: string }
  | { kind: 'register'; line: number; as: string; module?: string }
  | { kind: 'action'; line: number; action: Action }
  | { kind: 'assert_return'; line: number; action: Action; expected: WastExpected[] }
  | { kind: 'assert_trap'; line: number; action: Action; message: string }
  /** assert_trap on a module: instantiation (its start function or segment init) must trap */
  | { kind: 'assert_trap_module'; line: number; source: ModuleSource; message: string }
  | { kind: 'assert_exhaustion'; line: number; action: Action; message: string }
  /** the action must end with an uncaught exception (exception handling) */
  | { kind: 'assert_exception'; line: number; action: Action }
  | {
      kind: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable';
      line: number;
      source: ModuleSource;
      message: string;
    };

export interface Script {
  file: string;
  commands: Command[];
}
