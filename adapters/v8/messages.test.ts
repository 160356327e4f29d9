// V8's wordings of 3.0 outcomes, as recorded from V8 12.4 (Node 22) and 13.6
// (Node 24) on the wasm-3.0 spec suite: each classified into the taxonomy.
import { describe, expect, it } from 'vitest';
import { classifyMessage, SPEC_WORDING } from '../trap-kinds.js';
import { V8_MESSAGES } from './messages.js';

const recorded: [string, string][] = [
  ['RuntimeError: illegal cast', 'cast failure'],
  ['RuntimeError: array element access out of bounds', 'out of bounds array access'],
  ['RuntimeError: dereferencing a null pointer', 'null reference'],
  // the V8 runner's name for a WebAssembly.Exception thrown out of _start (v8-runner.ts)
  ['WebAssembly.Exception: uncaught wasm exception', 'uncaught exception'],
];

describe('V8_MESSAGES classify the recorded 3.0 wordings', () => {
  it.each(recorded)('%s', (text, meaning) => expect(classifyMessage([...V8_MESSAGES, ...SPEC_WORDING], text)).toBe(meaning));
});
