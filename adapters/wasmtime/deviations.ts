// Wasmtime's known, explained deviations from the kit's expectations
// (kit/deviations.ts joins every runtime's).
import type { Deviation } from '../kit/deviations.js';

export const WASMTIME_DEVIATIONS: readonly Deviation[] = [
  {
    adapters: ['wasmtime'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 6,
    observed: 'trap out of bounds table access',
    evidence:
      'Wasmtime 42.0.1 (in wizer 11.0.3) reports call_indirect past the table end exactly as table.get past it: "wasm trap: undefined element: out of bounds table access" (one TableOutOfBounds trap code, worded to match both spec assertions); the adapter reads it as out of bounds table access, as for V8.',
  },
];
