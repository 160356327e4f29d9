// `simd: false` (a runtime without SIMD, such as WAMR's classic interpreter,
// among those compared): no v128 anywhere in a generated case, whichever
// source made it and whatever 3.0 features are on. Each module is decoded
// from its bytes and walked: every value type (function types, struct and
// array fields, locals, globals, tables, block and select types, reference
// instructions' types) and every instruction (no vector opcode, constants
// and relaxed SIMD included).
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';
import { ALL_FEATURES } from './features.js';
import { generateCases } from './generate-cases.js';

/** Where the module has a v128 value type or a vector instruction (empty: none). */
function vectorUses(m: Module): string[] {
  const out: string[] = [];
  const type = (t: ValType | string, where: string) => {
    if (t === 'v128') out.push(where);
  };
  m.types.forEach((t, i) => {
    if (t.kind === 'struct') t.fields.forEach((f) => type(f.type, `type ${i} field`));
    else if (t.kind === 'array') type(t.field.type, `type ${i} element`);
    else [...t.params, ...t.results].forEach((p) => type(p, `type ${i}`));
  });
  m.globals.forEach((g, i) => type(g.type.type, `global ${i}`));
  m.funcs.forEach((f, i) => f.locals.forEach((l) => type(l, `func ${i} local`)));
  const code = (body: readonly Instr[], where: string): void => {
    for (const ins of body) {
      if (opInfo(ins.op)?.prefix === 0xfd) out.push(`${where}: ${ins.op}`);
      if (ins.blockType?.kind === 'value') type(ins.blockType.type, `${where}: ${ins.op} type`);
      ins.types?.forEach((t) => type(t, `${where}: ${ins.op} type`));
      if (ins.body) code(ins.body, where);
      if (ins.elseBody) code(ins.elseBody, where);
    }
  };
  m.funcs.forEach((f, i) => code(f.body, `func ${i}`));
  m.globals.forEach((g, i) => code(g.init, `global ${i} init`));
  m.tables.forEach((t, i) => t.init && code(t.init, `table ${i} init`));
  m.elems.forEach((e, i) => [...e.init, ...(e.mode.kind === 'active' ? [e.mode.offset] : [])].forEach((x) => code(x, `elem ${i}`)));
  m.datas.forEach((d, i) => d.mode.kind === 'active' && code(d.mode.offset, `data ${i} offset`));
  return out;
}

describe('generating without SIMD', () => {
  it('puts no v128 anywhere: valid modules (with every 3.0 feature on), instruction cases and samples, mutants', () => {
    const cases = generateCases(41, 400, undefined, { simd: false, features: ALL_FEATURES });
    const origins = new Set<string>();
    let decoded = 0;
    for (const c of cases) {
      let m: Module;
      try {
        m = decodeModule(c.bytes);
      } catch {
        continue; // a malformed mutant: no module to walk (its valid base is walked below)
      }
      decoded++;
      origins.add(c.origin === 'instr:sample' ? 'sample' : c.origin.split(':')[0]!);
      expect(vectorUses(m), c.origin).toEqual([]);
      expect(vectorUses(c.module), c.origin).toEqual([]);
    }
    expect(decoded).toBeGreaterThan(300);
    expect([...origins].sort()).toEqual(expect.arrayContaining(['instr', 'invalid', 'sample', 'valid']));
  }, 120_000);

  it('still does with SIMD on (the walk finds it)', () => {
    const cases = generateCases(41, 40, undefined, { features: ALL_FEATURES });
    expect(cases.filter((c) => vectorUses(c.module).length > 0).length).toBeGreaterThan(30);
  });
});
