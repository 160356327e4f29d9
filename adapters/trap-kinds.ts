// Runtimes word their errors differently; each adapter keeps a table of
// message substrings that map its wording onto the shared taxonomy (TrapKind)
// or onto a module verdict. The first matching row wins, so put the more
// specific substrings first. Matching ignores case.
import type { TrapKind } from '../reference-runtime/errors.js';

/** `uncaught exception`: a wasm exception (3.0 exception handling) escaped the call: its own outcome, not a trap. */
export type MessageClass = TrapKind | 'malformed' | 'invalid' | 'unlinkable' | 'rejected' | 'uncaught exception';
export type MessageTable = readonly (readonly [substring: string, meaning: MessageClass])[];

/**
 * A runtime wording that names more than one trap kind, so the adapter's
 * classification of it is a guess: a trap worded so is an accepted report of
 * any of those kinds. Each adapter keeps its rows beside its message table
 * (adapters/kit/deviations.ts has the evidence); trap-aliases.ts joins them.
 */
export type AmbiguousWording = readonly [substring: string, kinds: readonly TrapKind[]];

export function classifyMessage(table: MessageTable, text: string): MessageClass | undefined {
  const lower = text.toLowerCase();
  return table.find(([needle]) => lower.includes(needle.toLowerCase()))?.[1];
}

export function isTrapKind(c: MessageClass | undefined): c is TrapKind {
  return c !== undefined && c !== 'malformed' && c !== 'invalid' && c !== 'unlinkable' && c !== 'rejected' && c !== 'uncaught exception';
}

/** The spec testsuite's wordings: every kind named as itself (rows any runtime table may end with). */
export const SPEC_WORDING: MessageTable = [
  // the reference interpreter's, and WasmEdge's "execution failed: uncaught exception, Code: 0x419"
  ['uncaught exception', 'uncaught exception'],
  ['integer divide by zero', 'integer divide by zero'],
  ['integer overflow', 'integer overflow'],
  ['invalid conversion to integer', 'invalid conversion to integer'],
  ['out of bounds memory access', 'out of bounds memory access'],
  ['out of bounds table access', 'out of bounds table access'],
  ['uninitialized element', 'uninitialized element'],
  ['undefined element', 'undefined element'],
  ['indirect call type mismatch', 'indirect call type mismatch'],
  ['null reference', 'null reference'],
  // 3.0: the reference interpreter names the null it met (structure, array, i31, function)
  ['null structure reference', 'null reference'],
  ['null array reference', 'null reference'],
  ['null i31 reference', 'null reference'],
  ['null function reference', 'null reference'],
  ['null exception reference', 'null reference'],
  ['cast failure', 'cast failure'],
  ['out of bounds array access', 'out of bounds array access'],
  ['call stack exhausted', 'call stack exhausted'],
  ['resource exhausted', 'resource exhausted'],
  ['unreachable', 'unreachable'],
  // the spec's validation wordings, after every trap row ("indirect call type
  // mismatch" is a trap): a runtime that validates or compiles a function
  // only when it is called says these then
  ['unknown label', 'invalid'],
  ['unknown local', 'invalid'],
  ['unknown global', 'invalid'],
  ['unknown function', 'invalid'],
  ['unknown table', 'invalid'],
  ['unknown memory', 'invalid'],
  ['unknown type', 'invalid'],
  ['type mismatch', 'invalid'],
];

/** V8's wordings that name two trap kinds (every V8 version wasmdiff drives). */
export const V8_AMBIGUOUS: readonly AmbiguousWording[] = [
  // NaN and out-of-range truncations alike
  ['float unrepresentable in integer range', ['invalid conversion to integer', 'integer overflow']],
  // call_indirect past the table end and table.get past it
  ['table index is out of bounds', ['out of bounds table access', 'undefined element']],
  // a null entry and a signature mismatch
  ['null function or function signature mismatch', ['uninitialized element', 'indirect call type mismatch']],
];

/** Node 20's V8 (11.3): RuntimeError / RangeError / CompileError / LinkError messages. */
export const V8_MESSAGES: MessageTable = [
  // a WebAssembly.Exception thrown out of _start (the V8 runner names it so: v8-runner.ts)
  ['WebAssembly.Exception', 'uncaught exception'],
  ['Maximum call stack size exceeded', 'call stack exhausted'],
  ['divide by zero', 'integer divide by zero'],
  ['remainder by zero', 'integer divide by zero'],
  ['divide result unrepresentable', 'integer overflow'],
  ['float unrepresentable in integer range', 'invalid conversion to integer'],
  ['memory access out of bounds', 'out of bounds memory access'],
  ['data segment out of bounds', 'out of bounds memory access'],
  ['element segment out of bounds', 'out of bounds table access'],
  ['table access out of bounds', 'out of bounds table access'],
  ['table index is out of bounds', 'out of bounds table access'],
  ['null function or function signature mismatch', 'indirect call type mismatch'],
  ['function signature mismatch', 'indirect call type mismatch'],
  ['dereferencing a null pointer', 'null reference'],
  // ref.cast and br_on_cast failures (V8 12.4, 13.6: "RuntimeError: illegal cast")
  ['illegal cast', 'cast failure'],
  // array.get/set/fill/copy outside the array (V8 12.4, 13.6)
  ['array element access out of bounds', 'out of bounds array access'],
  ['unreachable', 'unreachable'],
  ['LinkError', 'unlinkable'],
  ['Import #', 'unlinkable'],
  // CompileError wording that only a malformed binary produces
  ['expected magic word', 'malformed'],
  ['expected version', 'malformed'],
  ['section was shorter than expected', 'malformed'],
  ['extends past end of the module', 'malformed'],
  ['unknown section code', 'malformed'],
  ['invalid section code', 'malformed'],
  ['section out of order', 'malformed'],
  ['unexpected section', 'malformed'],
  ['expected end of', 'malformed'],
  ['length overflows', 'malformed'],
  ['invalid opcode', 'malformed'],
  ['invalid local type', 'malformed'],
  ['invalid value type', 'malformed'],
  ['invalid UTF-8', 'malformed'],
  ['too many locals', 'malformed'],
  // and wording only validation produces
  ['type error', 'invalid'],
  ['expected type', 'invalid'],
  ['invalid local index', 'invalid'],
  ['invalid global index', 'invalid'],
  ['invalid function index', 'invalid'],
  ['invalid branch depth', 'invalid'],
  ['expected 1 elements on the stack', 'invalid'],
  ['expected 0 elements on the stack', 'invalid'],
  ['not enough arguments on the stack', 'invalid'],
  ['immutable global', 'invalid'],
  ['memory instruction with no memory', 'invalid'],
  ['CompileError', 'rejected'],
];
