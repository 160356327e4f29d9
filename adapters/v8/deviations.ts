// V8's known, explained deviations from the kit's expectations
// (kit/deviations.ts joins every runtime's).
import type { Deviation } from '../kit/deviations.js';

export const V8_DEVIATIONS: readonly Deviation[] = [
  {
    adapters: ['v8', 'v8-node22', 'v8-node24'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 6,
    observed: 'trap out of bounds table access',
    evidence:
      'V8 reports call_indirect with an index past the table as "RuntimeError: table index is out of bounds", the same message as table.get out of bounds, so its wording cannot tell "undefined element" apart (spec 4.4.8 call_indirect step 9 traps either way).',
  },
  {
    adapters: ['v8', 'v8-node22', 'v8-node24'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 7,
    observed: 'trap indirect call type mismatch',
    evidence:
      'V8 reports a call_indirect through a null entry as "RuntimeError: null function or function signature mismatch", one message for both uninitialized element and type mismatch.',
  },
];
