// Wasm3's message table, as recorded (wasm3-standin/TRANSCRIPTS.md).
import type { MessageTable } from '../trap-kinds.js';

/** Wasm3's own wording, as recorded (TRANSCRIPTS.md). */
export const WASM3_MESSAGES: MessageTable = [
  ['[trap] unreachable executed', 'unreachable'],
  ['[trap] stack overflow', 'call stack exhausted'],
  ['[trap] integer divide by zero', 'integer divide by zero'],
  ['[trap] integer overflow', 'integer overflow'],
  ['[trap] invalid conversion to integer', 'invalid conversion to integer'],
  ['[trap] out of bounds memory access', 'out of bounds memory access'],
  ['[trap] uninitialized element', 'uninitialized element'],
  // recorded for call_indirect with an index past the table's end
  ['[trap] undefined element', 'undefined element'],
  ['malformed Wasm binary', 'malformed'],
];
