// The typed errors of the reference runtime, one class per phase that can
// reject a module or stop an execution. `message` is the spec's own wording
// wherever the testsuite names one ("unexpected end", "type mismatch", ...),
// so a script runner can compare it with an assertion's text by prefix.

/** Base class: everything the reference runtime throws on bad input or at run time is one of these. */
export class WasmError extends Error {
  override name = 'WasmError';
}

/** Binary decoding failed: the module is malformed (spec 5). */
export class DecodeError extends WasmError {
  override name = 'DecodeError';
  constructor(
    message: string,
    /** byte offset in the input where the problem was found */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Text parsing failed: the text is malformed (spec 6). Lines and columns count from 1. */
export class ParseError extends WasmError {
  override name = 'ParseError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly file?: string,
  ) {
    super(message);
  }

  /** `file:line:column: message`, the one-line form for users. */
  describe(): string {
    return `${this.file ?? '<input>'}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** Validation failed: the module is invalid (spec 3). */
export class ValidationError extends WasmError {
  override name = 'ValidationError';
}

/** Imports could not be resolved or do not match: the module is unlinkable (spec 4.5.4). */
export class LinkError extends WasmError {
  override name = 'LinkError';
}

/**
 * The shared taxonomy of traps. Adapters map each runtime's trap message onto
 * these kinds, so outcomes compare across engines.
 */
export type TrapKind =
  | 'unreachable'
  | 'integer divide by zero'
  | 'integer overflow'
  | 'invalid conversion to integer'
  | 'out of bounds memory access'
  | 'out of bounds table access'
  | 'uninitialized element'
  | 'indirect call type mismatch'
  | 'null reference'
  /** ref.cast and call_ref-free GC casts that fail (3.0) */
  | 'cast failure'
  /** array.get/set/fill/copy/init outside the array (3.0 GC) */
  | 'out of bounds array access'
  | 'undefined element'
  | 'call stack exhausted'
  | 'resource exhausted';

/** Execution trapped (spec 4.4). `message` is the spec testsuite's wording for the kind. */
export class Trap extends WasmError {
  override name = 'Trap';
  constructor(
    readonly kind: TrapKind,
    message: string = kind,
  ) {
    super(message);
  }
}

/** The call stack was exhausted: its own outcome, never a host RangeError. */
export class Exhaustion extends WasmError {
  override name = 'Exhaustion';
  constructor(message = 'call stack exhausted') {
    super(message);
  }
}

/**
 * An exception (exception handling) left the outermost wasm frame uncaught:
 * its own outcome, neither a trap nor exhaustion. `exn` is the exception
 * instance (its tag and the values thrown); host code between two wasm frames
 * lets it pass through, so an outer try_table can still catch it.
 */
export class UncaughtException extends WasmError {
  override name = 'UncaughtException';
  constructor(
    readonly exn: import('./runtime/tag.js').ExnInstance,
    message = 'uncaught exception',
  ) {
    super(message);
  }
}
