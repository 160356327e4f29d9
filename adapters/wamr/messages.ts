// WAMR iwasm's message table (fast and classic interpreters alike).
import type { MessageTable } from '../trap-kinds.js';

/** iwasm's own wording, recorded from WAMR 1.1.2 (fast and classic interpreters) on the kit's cases. */
export const WAMR_MESSAGES: MessageTable = [
  // "Exception: wasm operand stack overflow"
  ['wasm operand stack overflow', 'call stack exhausted'],
  ['failed to link import', 'unlinkable'],
  // "WASM module load failed: magic header not detected"
  ['magic header not detected', 'malformed'],
  // "WASM module load failed: type mismatch: stack size does not match block type"
  ['load failed: type mismatch', 'invalid'],
  // the loader decodes and validates in one pass: other load failures are not told apart
  ['WASM module load failed', 'rejected'],
];
