// What the harness asks a runtime to do (a Plan) and what it observed (a
// RunOutcome). Every adapter — the reference interpreter, V8, and each
// command-line runtime — follows the same plan semantics, so that their
// outcomes compare value for value:
//
//  1. The module (its bytes, as given) is decoded, validated and instantiated
//     with NO imports: a module that imports anything is `unlinkable`
//     everywhere. The verdict says how far it got.
//  2. If the verdict is `ok`, the invocations run in plan order on that one
//     instance, so state (memory, globals, tables) carries from one to the
//     next.
//  3. When an invocation traps, exhausts the stack or ends with an uncaught
//     exception, its instance is
//     discarded, and the following invocations run on a FRESH instance of the
//     same module (instantiated again, start function included; nothing is
//     replayed). This is what a command-line runtime can do: a trap ends its
//     process.
//  4. A timeout, a crash, a lazy rejection or a resource limit (memory, output) ends the run:
//     the invocation that was running gets `timeout` / `crash` / `resource`,
//     every later one `not-run`. If a fresh instance
//     (rule 3) fails to instantiate, the later invocations are `not-run` too.
//  5. If the verdict is not `ok`, every invocation is `not-run`.
//
// Values are exact bits: integers as unsigned bit patterns, floats as their
// IEEE-754 bits (NaN payloads survive), v128 as 16 little-endian bytes,
// references as null / non-null (their identity is not observable across
// engines), and a reference of the any hierarchy (GC) as its projection
// (driver/ref-projection.ts): kind by ref.test, the declared type's test, and
// the i31 value or a structural digest of the struct or array.
import type { TrapKind } from '../reference-runtime/errors.js';
import type { RefType } from '../reference-runtime/syntax/types.js';

export type NumValue =
  | { type: 'i32'; bits: number } // unsigned 32-bit pattern
  | { type: 'i64'; bits: bigint } // unsigned 64-bit pattern
  | { type: 'f32'; bits: number } // unsigned 32-bit IEEE bits
  | { type: 'f64'; bits: bigint } // unsigned 64-bit IEEE bits
  | { type: 'v128'; bytes: Uint8Array }; // 16 bytes, little-endian

/** An argument: a number or vector, or a null reference (the only reference a harness can write as a constant). */
export type ArgValue = NumValue | { type: RefType; null: true };

/**
 * A result: as an argument, but a reference may be non-null. `type` is the
 * top of the reference's hierarchy (funcref, externref, exnref, anyref),
 * whatever the declared result type; an anyref carries its projection.
 */
export type ResultValue = NumValue | { type: RefType; null: boolean; gc?: GcProjection };

/** What the driver and the oracle both say about a reference of the any hierarchy (driver/ref-projection.ts defines it). */
export interface GcProjection {
  /** GC_KIND: 0 null, 1 i31, 2 struct, 3 array, 4 any other (an internalised host value) */
  kind: number;
  /** `ref.test` of the declared result type (made nullable) succeeds */
  test: boolean;
  /** the unsigned 64-bit structural hash (driver/ref-projection.ts) */
  digest: bigint;
}

export interface Invocation {
  /** The name of an exported function. */
  export: string;
  args: ArgValue[];
  /**
   * A call through the typed function reference the function returns last
   * (its declared type `(ref null? $t)`, $t a function type), with these
   * arguments: the outcome's values are the function's results, then that
   * call's. A null reference traps as `call_ref` does (null reference).
   */
  through?: ArgValue[];
}

export interface Plan {
  /** The module under test, as bytes (decoding it is part of what is tested). */
  module: Uint8Array;
  invocations: Invocation[];
  /**
   * The spec version whose rules judge the module (a 2.0 script by 2.0
   * rules): the oracle decodes and validates by them; a runtime runs the
   * module as it is. Default 3.0.
   */
  spec?: '2.0' | '3.0';
}

/** How far the module got: decoding, validation, linking, instantiation. */
export type ModuleVerdict =
  | { kind: 'ok' }
  | { kind: 'malformed' | 'invalid' | 'unlinkable'; message: string }
  /**
   * Rejected at compile time, but the runtime's message does not say whether
   * the module was malformed or invalid (V8 reports both as CompileError).
   * A comparator accepts it for either.
   */
  | { kind: 'rejected'; message: string }
  /** Instantiation failed: the start function or a segment trapped (trap set when classified), or something else. */
  | { kind: 'uninstantiable'; message: string; trap?: TrapKind | 'call stack exhausted' }
  /** The process died or hung before the module was even instantiated. */
  | { kind: 'timeout' | 'crash'; message: string; raw?: RawOutput }
  /** The process hit a limit the harness set (memory, output) before the module was instantiated. */
  | { kind: 'resource'; message: string; raw?: RawOutput };

/** What a process printed, kept (capped) for the report. */
export interface RawOutput {
  stdout: string;
  stderr: string;
  exitCode?: number;
  signal?: string;
}

export type InvocationOutcome =
  | { kind: 'values'; values: ResultValue[] }
  | { kind: 'trap'; trap: TrapKind | 'unknown'; message: string; raw?: RawOutput }
  | { kind: 'exhaustion'; message: string; raw?: RawOutput }
  /** A wasm exception escaped the invocation uncaught (3.0 exception handling): its own outcome, neither a trap nor exhaustion. */
  | { kind: 'exception'; message: string; raw?: RawOutput }
  | { kind: 'timeout'; raw?: RawOutput }
  | { kind: 'crash'; message: string; raw?: RawOutput }
  /** The runtime refused to compile or run the function when it was called: it compiles or validates lazily, and says so. */
  | { kind: 'rejected'; message: string; raw?: RawOutput }
  /** The process was stopped by a limit the harness set (memory, output): contained, not a runtime bug by itself. */
  | { kind: 'resource'; message: string; raw?: RawOutput }
  | { kind: 'not-run'; reason: string };

export interface RunOutcome {
  /** The adapter that produced it. */
  adapter: string;
  verdict: ModuleVerdict;
  /** One per plan invocation, in order. */
  invocations: InvocationOutcome[];
  /** Processes started for this plan (0 for in-process adapters that reuse a worker). */
  processes: number;
}

/** Outcomes for invocations that cannot run, with one reason. */
export function notRun(count: number, reason: string): InvocationOutcome[] {
  return Array.from({ length: count }, () => ({ kind: 'not-run', reason }) as const);
}
