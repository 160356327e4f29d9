// V8's message table (every V8 wasmdiff drives: this Node's, v8-node22,
// v8-node24) and its wordings that name two trap kinds (trap-aliases.ts joins
// every runtime's).
import type { AmbiguousWording, MessageTable } from '../trap-kinds.js';

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
  // throw_ref of a null exnref (V8 12.4, 13.6)
  ['rethrowing null value', 'null reference'],
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
