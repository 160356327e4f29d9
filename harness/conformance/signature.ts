// The instructions a spec divergence involves, kept in its details (the
// finding's signature is its cause: harness/findings/cause.ts).
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { allInstrs } from './features.js';

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
