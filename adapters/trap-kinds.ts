// Runtimes word their errors differently; each runtime keeps a table of
// message substrings that map its wording onto the shared taxonomy (TrapKind)
// or onto a module verdict. The first matching row wins, so put the more
// specific substrings first. Matching ignores case. The tables are each
// runtime's <runtime>/messages.ts; this file holds what they share.
import type { TrapKind } from '../reference-runtime/errors.js';

/** `uncaught exception`: a wasm exception (3.0 exception handling) escaped the call: its own outcome, not a trap. */
export type MessageClass = TrapKind | 'malformed' | 'invalid' | 'unlinkable' | 'rejected' | 'uncaught exception';
export type MessageTable = readonly (readonly [substring: string, meaning: MessageClass])[];

/**
 * A runtime wording that names more than one trap kind, so the adapter's
 * classification of it is a guess: a trap worded so is an accepted report of
 * any of those kinds. Each runtime keeps its rows beside its message table
 * (<runtime>/messages.ts; its <runtime>/deviations.ts has the evidence);
 * trap-aliases.ts joins them.
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
