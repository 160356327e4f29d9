// Wasmtime's message table and its wordings that name two trap kinds
// (trap-aliases.ts joins every runtime's).
import type { AmbiguousWording, MessageTable } from '../trap-kinds.js';

/** Wasmtime's own wording, recorded from Wasmtime 42.0.1 (inside wizer 11.0.3) on the kit's cases. */
export const WASMTIME_MESSAGES: MessageTable = [
  // "wasm trap: wasm `unreachable` instruction executed"
  ['`unreachable` instruction executed', 'unreachable'],
  // call_indirect past the table end and table.get past it give the same text
  ['undefined element: out of bounds table access', 'out of bounds table access'],
  ['indirect call type mismatch', 'indirect call type mismatch'],
  // "unknown import: `env::f` has not been defined"
  ['unknown import', 'unlinkable'],
  ['incompatible import type', 'unlinkable'],
  // "wasm validation failed ... magic header not detected: bad magic number"
  ['magic header not detected', 'malformed'],
  ['type mismatch', 'invalid'],
  // the main module failed to decode or validate, or a preloaded one failed to compile
  ['wasm validation failed', 'rejected'],
  ['failed to parse preload module', 'rejected'],
  ['WebAssembly translation error', 'rejected'],
];

/** Wasmtime's wordings that name two trap kinds: one TableOutOfBounds code, worded for both assertions. */
export const WASMTIME_AMBIGUOUS: readonly AmbiguousWording[] = [['undefined element: out of bounds table access', ['out of bounds table access', 'undefined element']]];
