// Printing the 3.0 (part 2) forms: the type section with its rec groups, sub
// clauses, struct and array types, reference types wherever a type is
// written, and the typed-reference and GC instructions; the parser reads all
// of it back to the same module.
import { describe, expect, it } from 'vitest';
import { encodeModule } from '../binary/encode.js';
import { instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { parseWat } from './parse-module.js';
import { printInstr, printModule } from './print.js';

function gcModule(): Module {
  const m = emptyModule();
  m.types.push(
    { kind: 'struct', fields: [{ type: 'i8', mutable: true }, { type: 'ref null 1', mutable: false }], fieldNames: ['x', undefined] },
    { kind: 'array', field: { type: 'i16', mutable: false }, sub: { final: false, supers: [] } },
    { params: ['ref 0', 'anyref'], results: ['ref null 1'], sub: { final: true, supers: [] } },
    { kind: 'struct', fields: [], sub: { final: false, supers: [0] } },
    { params: [], results: [] },
  );
  m.recs = [
    { size: 2, explicit: true },
    { size: 0, explicit: true },
    { size: 1, explicit: false },
    { size: 1, explicit: true },
    { size: 1, explicit: false },
  ];
  m.imports.push({ module: 'm', name: 't', desc: { kind: 'table', table: { limits: { min: 1 }, elem: 'ref null 0' } } });
  m.funcs.push({
    type: 2,
    locals: ['ref any', 'i31ref'],
    body: [
      instr('local.get', { index: 0 }),
      instr('struct.get_s', { index: 0, index2: 0 }),
      instr('drop'),
      instr('block', { blockType: { kind: 'value', type: 'ref null 1' }, body: [instr('local.get', { index: 1 }), instr('br_on_cast', { index: 0, refType: 'anyref', refType2: 'ref null 1' }), instr('ref.cast', { refType: 'ref 1' })] }),
    ],
  });
  m.tables.push({ limits: { min: 2 }, elem: 'ref 4', init: [instr('ref.func', { index: 0 })] });
  m.globals.push({ type: { type: 'ref null 3', mutable: true }, init: [instr('ref.null', { refType: 'ref null 3' })] });
  m.elems.push({ type: 'ref func', init: [[instr('ref.func', { index: 0 })]], mode: { kind: 'declarative' } });
  return m;
}

describe('printing types', () => {
  it('prints rec groups as written (explicit, empty, implicit), sub clauses, struct field names and packed types', () => {
    const lines = printModule(gcModule()).split('\n');
    expect(lines.slice(1, 8)).toEqual([
      '  (rec',
      '    (type (;0;) (struct (field $x (mut i8)) (field (ref null 1))))',
      '    (type (;1;) (sub (array i16))))',
      '  (rec)',
      '  (type (;2;) (sub final (func (param (ref 0) anyref) (result (ref null 1)))))',
      '  (rec',
      '    (type (;3;) (sub 0 (struct))))',
    ]);
    expect(lines[8]).toBe('  (type (;4;) (func))');
  });

  it('prints reference types in imports, locals, block types, tables, globals and element segments', () => {
    const text = printModule(gcModule());
    const fragments = [
      '(import "m" "t" (table (;0;) 1 (ref null 0)))',
      '(local (ref any) i31ref)',
      'block (result (ref null 1))',
      '(table (;1;) 2 (ref 4) (ref.func 0))',
      '(global (;0;) (mut (ref null 3)) (ref.null 3))',
      '(elem (;0;) declare func 0)',
    ];
    for (const f of fragments) expect(text).toContain(f);
  });

  it('reads back to the same module, flat and folded', () => {
    const m = gcModule();
    for (const foldExprs of [false, true]) {
      const back = parseWat(printModule(m, { foldExprs }));
      expect(back.types).toEqual(m.types);
      expect(back.recs).toEqual(m.recs);
      expect(back.funcs).toEqual(m.funcs);
      expect(Buffer.from(encodeModule(back)).equals(Buffer.from(encodeModule(m)))).toBe(true);
    }
  });
});

describe('printing typed-reference and GC instructions', () => {
  it('prints their immediates: types, fields, counts, segments, labels and reference types', () => {
    const cases: [ReturnType<typeof instr>, string][] = [
      [instr('call_ref', { index: 2 }), 'call_ref 2'],
      [instr('return_call_ref', { index: 2 }), 'return_call_ref 2'],
      [instr('br_on_null', { index: 1 }), 'br_on_null 1'],
      [instr('br_on_non_null', { index: 0 }), 'br_on_non_null 0'],
      [instr('struct.get_u', { index: 0, index2: 3 }), 'struct.get_u 0 3'],
      [instr('struct.new_default', { index: 4 }), 'struct.new_default 4'],
      [instr('array.new_fixed', { index: 1, index2: 5 }), 'array.new_fixed 1 5'],
      [instr('array.copy', { index: 1, index2: 2 }), 'array.copy 1 2'],
      [instr('array.init_elem', { index: 1, index2: 0 }), 'array.init_elem 1 0'],
      [instr('array.len'), 'array.len'],
      [instr('ref.test', { refType: 'ref null 2' }), 'ref.test (ref null 2)'],
      [instr('ref.cast', { refType: 'i31ref' }), 'ref.cast i31ref'],
      [instr('br_on_cast_fail', { index: 0, refType: 'ref any', refType2: 'ref 3' }), 'br_on_cast_fail 0 (ref any) (ref 3)'],
      [instr('ref.null', { refType: 'nullref' }), 'ref.null none'],
      [instr('ref.null', { refType: 'ref null 7' }), 'ref.null 7'],
      [instr('ref.null', { refType: 'nullexnref' }), 'ref.null noexn'],
      [instr('select_t', { types: ['ref null 1'] }), 'select (result (ref null 1))'],
    ];
    for (const [i, text] of cases) expect(printInstr(i)).toBe(text);
  });

  it('folds GC operands into their consumer', () => {
    const m = emptyModule();
    m.types.push({ kind: 'struct', fields: [{ type: 'i32', mutable: true }] }, { params: [], results: [] });
    m.funcs.push({ type: 1, locals: [], body: [instr('i32.const', { i32: 1 }), instr('struct.new', { index: 0 }), instr('i32.const', { i32: 2 }), instr('struct.set', { index: 0, index2: 0 })] });
    expect(printModule(m, { foldExprs: true })).toContain('(struct.set 0 0 (struct.new 0 (i32.const 1)) (i32.const 2))');
  });
});
