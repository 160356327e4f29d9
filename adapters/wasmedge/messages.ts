// WasmEdge's message table (interpreter and JIT alike).
import type { MessageTable } from '../trap-kinds.js';

/** WasmEdge's own wording, recorded from WasmEdge 0.17.1 (interpreter and JIT) on the kit's cases. */
export const WASMEDGE_MESSAGES: MessageTable = [
  // "[error] instantiation failed: unknown import, Code: 0x302"
  ['instantiation failed: unknown import', 'unlinkable'],
  // WasmEdge's loader decodes, its validator validates: the phase is in the message
  ['loading failed:', 'malformed'],
  ['validation failed:', 'invalid'],
];
