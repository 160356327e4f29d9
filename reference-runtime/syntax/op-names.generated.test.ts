// op-names.generated.ts is what gen-op-names.ts makes of the opcode table
// today: a row added without running the generator fails here (and, if its
// name is new, fails to compile).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpNames, OP_NAMES_PATH } from './gen-op-names.js';
import { needsContext, OPCODES } from './opcodes.js';

describe('the typed enumeration of instructions', () => {
  it('op-names.generated.ts is current (else run: npx tsx reference-runtime/syntax/gen-op-names.ts)', () => {
    expect(readFileSync(OP_NAMES_PATH, 'utf8') === generateOpNames()).toBe(true);
  });

  it('names every row of the table once: those without a signature as context instructions, the others with theirs', () => {
    const text = readFileSync(OP_NAMES_PATH, 'utf8');
    const [context, signed] = text.split('export type SignatureOpName') as [string, string];
    const names = (part: string) => [...part.matchAll(/^ {2}\| '([^']+)'/gm)].map((m) => m[1]);
    expect(names(context)).toEqual(OPCODES.filter((o) => o.sig === undefined).map((o) => o.name));
    expect(names(signed)).toEqual(OPCODES.filter((o) => o.sig !== undefined).map((o) => o.name));
    expect(new Set([...names(context), ...names(signed)]).size).toBe(OPCODES.length);
    expect(names(context).length).toBeGreaterThan(60);
    expect(OPCODES.every((o) => needsContext(o.name) === (o.sig === undefined))).toBe(true);
  });
});
