// A finding's signature: what must be equal for two divergences to be the
// same bug seen twice. It is a hash of the divergence kind, the runtime (its
// adapter id, not its version, so an upgrade that keeps the bug keeps the
// finding), the instructions involved and the expected and actual outcome
// classes. File names, line numbers and exact argument values stay out, so
// the same bug reached through two scripts, or with other arguments, is one
// finding; the expected class stays in, so distinct bugs of one function
// (a wrong NaN and a missing trap) are not merged.
import { createHash } from 'node:crypto';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { allInstrs } from './features.js';

export interface SignatureParts {
  kind: string;
  runtime: string;
  /** The opcodes involved: the invoked function's body, or the module's opcode set. */
  opcodes: readonly string[];
  expectedClass: string;
  actualClass: string;
}

export function findingSignature(p: SignatureParts): string {
  const text = JSON.stringify([p.kind, p.runtime, p.opcodes, p.expectedClass, p.actualClass]);
  return createHash('sha256').update(text).digest('hex');
}

/** The body of the exported function `name`, as the sequence of its opcodes (nested bodies in order). */
export function exportedBodyOpcodes(m: Module | undefined, name: string): string[] {
  if (m === undefined) return [];
  const exp = m.exports.find((e) => e.kind === 'func' && e.name === name);
  const importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
  const func = exp === undefined ? undefined : m.funcs[exp.index - importedFuncs];
  if (func === undefined) return [`export:${name}`];
  const ops: string[] = [];
  const walk = (body: readonly Instr[]): void => {
    for (const i of body) {
      ops.push(i.op);
      if (i.body) walk(i.body);
      if (i.elseBody) {
        if (i.elseBody.length > 0) ops.push('else');
        walk(i.elseBody);
      }
      if (i.body) ops.push('end');
    }
  };
  walk(func.body);
  return ops;
}

/** Every distinct opcode of the module, sorted: what a module-level divergence involves. */
export function moduleOpcodes(m: Module | undefined): string[] {
  if (m === undefined) return ['(undecodable)'];
  return [...new Set([...allInstrs(m)].map((i) => i.op))].sort();
}
