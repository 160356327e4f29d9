import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { printModule } from './print.js';

const hasWabt = spawnSync('wat2wasm', ['--version'], { stdio: 'ignore' }).status === 0;

/** wabt's verdict on the text: undefined when it assembles, else its complaint. */
function wabtRejects(text: string): string | undefined {
  const run = spawnSync('wat2wasm', ['--no-check', '-', '-o', '/dev/null'], { input: text, encoding: 'utf8' });
  return run.status === 0 ? undefined : run.stderr;
}

function moduleWith(fill: (m: Module) => void): Module {
  const m = emptyModule();
  fill(m);
  return m;
}

const i32 = (v: number) => [instr('i32.const', { i32: v })];

describe('printModule', () => {
  it('prints an empty module', () => {
    expect(printModule(emptyModule())).toBe('(module)\n');
  });

  it('prints every kind of import, definition, export and start', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: ['i32', 'i64'], results: ['f32'] }, { params: [], results: [] });
      m.imports.push(
        { module: 'env', name: 'f', desc: { kind: 'func', type: 0 } },
        { module: 'env', name: 't', desc: { kind: 'table', table: { limits: { min: 1, max: 2 }, elem: 'externref' } } },
        { module: 'env', name: 'm', desc: { kind: 'memory', memory: { limits: { min: 0 } } } },
        { module: 'env', name: 'g', desc: { kind: 'global', global: { type: 'v128', mutable: true } } },
      );
      m.funcs.push({ type: 1, locals: ['i32', 'funcref'], body: [instr('nop')] }, { type: 1, locals: [], body: [] });
      m.tables.push({ limits: { min: 10 }, elem: 'funcref' });
      m.mems.push({ limits: { min: 1, max: 65536 } });
      m.globals.push({ type: { type: 'i32', mutable: false }, init: i32(7) });
      m.globals.push({ type: { type: 'i32', mutable: true }, init: [instr('global.get', { index: 0 }), instr('i32.const', { i32: 1 }), instr('i32.add')] });
      m.exports.push({ name: 'f', kind: 'func', index: 1 }, { name: 'mem', kind: 'memory', index: 1 }, { name: 'g', kind: 'global', index: 1 });
      m.start = 2;
    });
    expect(printModule(m)).toBe(
      [
        '(module',
        '  (type (;0;) (func (param i32 i64) (result f32)))',
        '  (type (;1;) (func))',
        '  (import "env" "f" (func (;0;) (type 0) (param i32 i64) (result f32)))',
        '  (import "env" "t" (table (;0;) 1 2 externref))',
        '  (import "env" "m" (memory (;0;) 0))',
        '  (import "env" "g" (global (;0;) (mut v128)))',
        '  (func (;1;) (type 1)',
        '    (local i32 funcref)',
        '    nop)',
        '  (func (;2;) (type 1))',
        '  (table (;1;) 10 funcref)',
        '  (memory (;1;) 1 65536)',
        '  (global (;1;) i32 (i32.const 7))',
        '  (global (;2;) (mut i32) global.get 0 i32.const 1 i32.add)',
        '  (export "f" (func 1))',
        '  (export "mem" (memory 1))',
        '  (export "g" (global 1))',
        '  (start 2))',
        '',
      ].join('\n'),
    );
  });

  it('prints element segments in every mode and both forms', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: [], results: [] });
      m.funcs.push({ type: 0, locals: [], body: [] });
      m.tables.push({ limits: { min: 1 }, elem: 'funcref' }, { limits: { min: 1 }, elem: 'externref' });
      const ref0 = [instr('ref.func', { index: 0 })];
      m.elems.push(
        { type: 'funcref', init: [ref0, ref0], mode: { kind: 'active', table: 0, offset: i32(0) }, form: 'indices' },
        { type: 'funcref', init: [ref0, [instr('ref.null', { refType: 'funcref' })]], mode: { kind: 'active', table: 0, offset: i32(1) } },
        { type: 'externref', init: [[instr('ref.null', { refType: 'externref' })]], mode: { kind: 'active', table: 1, offset: [instr('global.get', { index: 0 })] } },
        { type: 'funcref', init: [ref0], mode: { kind: 'passive' }, form: 'exprs' },
        { type: 'funcref', init: [ref0], mode: { kind: 'declarative' } },
        { type: 'funcref', init: [], mode: { kind: 'passive' }, form: 'indices' },
        { type: 'funcref', init: [[instr('i32.const', { i32: 0 }), instr('drop'), ...ref0]], mode: { kind: 'active', table: 0, offset: [instr('i32.const', { i32: 1 }), instr('i32.const', { i32: 2 }), instr('i32.add')] } },
        { type: 'ref func', init: [ref0], mode: { kind: 'declarative' } },
        { type: 'ref func', init: [ref0], mode: { kind: 'passive' }, form: 'exprs' },
      );
    });
    const elems = printModule(m).split('\n').filter((l) => l.includes('(elem'));
    expect(elems).toEqual([
      '  (elem (;0;) (i32.const 0) func 0 0)',
      '  (elem (;1;) (i32.const 1) funcref (ref.func 0) (ref.null func))',
      '  (elem (;2;) (table 1) (global.get 0) externref (ref.null extern))',
      '  (elem (;3;) funcref (ref.func 0))',
      // 3.0 text reads `func x*` as (ref func): a funcref segment the binary did not write as indices keeps its type
      '  (elem (;4;) declare funcref (ref.func 0))',
      '  (elem (;5;) func)',
      '  (elem (;6;) (offset i32.const 1 i32.const 2 i32.add) funcref (item i32.const 0 drop ref.func 0))',
      '  (elem (;7;) declare func 0)',
      '  (elem (;8;) (ref func) (ref.func 0)))', // the module closes too
    ]);
  });

  it('prints data segments as escaped strings, long ones over several lines', () => {
    const m = moduleWith((m) => {
      m.mems.push({ limits: { min: 1 } });
      m.datas.push({ init: Uint8Array.from([0x68, 0x69, 0x00, 0x22, 0xff]), mode: { kind: 'active', memory: 0, offset: i32(8) } });
      m.datas.push({ init: new Uint8Array(0), mode: { kind: 'passive' } });
      m.datas.push({ init: new Uint8Array(40).fill(0x41), mode: { kind: 'active', memory: 1, offset: i32(0) } });
    });
    expect(printModule(m).split('\n').slice(2)).toEqual([
      '  (data (;0;) (i32.const 8) "hi\\00\\"\\ff")',
      '  (data (;1;))',
      '  (data (;2;) (memory 1) (i32.const 0)',
      `    "${'A'.repeat(32)}"`,
      `    "${'A'.repeat(8)}"))`,
      '',
    ]);
  });

  it('notes custom sections in comments where they stood, and still closes the module', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: [], results: [] });
      m.customs.push({ name: 'first', bytes: new Uint8Array(3), after: 0 }, { name: 'odd"\n', bytes: new Uint8Array(0), after: 1 });
      m.customs.push({ name: 'last', bytes: new Uint8Array(9), after: 11 });
    });
    const text = printModule(m);
    expect(text).toBe(
      ['(module', '  ;; custom section "first", 3 bytes', '  (type (;0;) (func))', '  ;; custom section "odd\\"\\0a", 0 bytes', '  ;; custom section "last", 9 bytes', ')', ''].join('\n'),
    );
  });

  it('prints names from the name section as identifiers, sanitizing invalid ones deterministically', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: ['i32', 'i32'], results: [] });
      m.imports.push({ module: 'a', name: 'b', desc: { kind: 'func', type: 0 } });
      m.funcs.push({ type: 0, locals: ['i64'], body: [instr('local.get', { index: 1 }), instr('local.set', { index: 2 }), instr('call', { index: 0 }), instr('ref.func', { index: 2 }), instr('drop')] });
      m.funcs.push({ type: 0, locals: [], body: [] });
      m.exports.push({ name: 'run', kind: 'func', index: 1 });
      m.start = 2;
      m.names = {
        module: 'my module',
        funcs: new Map([[0, 'imported'], [1, 'a b'], [2, 'a_b']]),
        locals: new Map([[1, new Map([[1, 'y'], [2, 'x;)'], [0, 'é']])]]),
      };
    });
    expect(printModule(m)).toBe(
      [
        '(module $my_module (;"my module";)',
        '  (type (;0;) (func (param i32 i32)))',
        '  (import "a" "b" (func $imported (type 0) (param i32 i32)))',
        '  (func $a_b_1 (;1 = "a b";) (type 0) (param $_ i32) (param $y i32)',
        '    (local $x__ i64)',
        '    local.get $y',
        '    local.set $x__',
        '    call $imported',
        '    ref.func $a_b',
        '    drop)',
        '  (func $a_b (type 0) (param i32 i32))',
        '  (export "run" (func $a_b_1))',
        '  (start $a_b))',
        '',
      ].join('\n'),
    );
  });

  it('folds expressions on request', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: ['i32'], results: ['i32'] });
      m.funcs.push({
        type: 0,
        locals: [],
        body: [
          instr('local.get', { index: 0 }),
          instr('if', {
            blockType: { kind: 'value', type: 'i32' },
            body: [instr('local.get', { index: 0 }), instr('i32.const', { i32: 1 }), instr('i32.sub'), instr('call', { index: 0 })],
            elseBody: [instr('i32.const', { i32: 0 })],
          }),
          instr('br_if', { index: 0 }),
          instr('unreachable'),
        ],
      });
    });
    expect(printModule(m, { foldExprs: true })).toBe(
      [
        '(module',
        '  (type (;0;) (func (param i32) (result i32)))',
        '  (func (;0;) (type 0) (param i32) (result i32)',
        '    (if (result i32)',
        '      (local.get 0)',
        '      (then',
        '        (call 0 (i32.sub (local.get 0) (i32.const 1))))',
        '      (else',
        '        (i32.const 0)))',
        '    (br_if 0)',
        '    (unreachable)))',
        '',
      ].join('\n'),
    );
  });

  it('prints the 3.0 fields: address types, tags, table initialisers, in binary section order', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: ['i32'], results: [] }, { params: [], results: ['funcref'] });
      m.imports.push(
        { module: 'm', name: 'mem', desc: { kind: 'memory', memory: { limits: { min: 1, max: 2 ** 64 }, addr: 'i64' } } },
        { module: 'm', name: 'tab', desc: { kind: 'table', table: { limits: { min: 0 }, elem: 'exnref', addr: 'i64' } } },
        { module: 'm', name: 'tag', desc: { kind: 'tag', tag: { type: 0 } } },
        { module: 'm', name: 'g', desc: { kind: 'global', global: { type: 'funcref', mutable: false } } },
      );
      m.tables.push({ limits: { min: 1 }, elem: 'funcref', init: [instr('global.get', { index: 0 })] });
      m.mems.push({ limits: { min: 2 ** 48 }, addr: 'i64' });
      m.tags.push({ type: 0 });
      m.exports.push({ name: 't', kind: 'tag', index: 1 });
      m.datas.push({ init: new Uint8Array(), mode: { kind: 'active', memory: 1, offset: [instr('i64.const', { i64: 0n })] } });
    });
    expect(printModule(m)).toBe(
      [
        '(module',
        '  (type (;0;) (func (param i32)))',
        '  (type (;1;) (func (result funcref)))',
        '  (import "m" "mem" (memory (;0;) i64 1 18446744073709551615))',
        '  (import "m" "tab" (table (;0;) i64 0 exnref))',
        '  (import "m" "tag" (tag (;0;) (type 0) (param i32)))',
        '  (import "m" "g" (global (;0;) funcref))',
        '  (table (;1;) 1 funcref (global.get 0))',
        '  (memory (;1;) i64 281474976710656)',
        '  (tag (;1;) (type 0) (param i32))',
        '  (export "t" (tag 1))',
        '  (data (;0;) (memory 1) (i64.const 0)))',
        '',
      ].join('\n'),
    );
  });

  it('prints names exactly as quoted identifiers on request (3.0 text)', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: [], results: [] });
      m.funcs.push({ type: 0, locals: [], body: [instr('call', { index: 1 })] }, { type: 0, locals: [], body: [] }, { type: 0, locals: [], body: [] });
      m.names = { module: 'my module', funcs: new Map([[0, 'a b'], [1, 'é'], [2, '']]), locals: new Map() };
    });
    expect(printModule(m, { quotedIds: true })).toBe(
      [
        '(module $"my module"',
        '  (type (;0;) (func))',
        '  (func $"a b" (type 0)',
        '    call $"\\c3\\a9")',
        '  (func $"\\c3\\a9" (type 0))',
        '  (func $_ (;2 = "";) (type 0)))',
        '',
      ].join('\n'),
    );
  });

  it('folds try_table and the operands of throw and tail calls', () => {
    const m = moduleWith((m) => {
      m.types.push({ params: ['i32'], results: [] });
      m.tags.push({ type: 0 });
      m.funcs.push({
        type: 0,
        locals: [],
        body: [
          instr('try_table', {
            blockType: { kind: 'empty' },
            catches: [{ kind: 'catch', tag: 0, label: 0 }],
            body: [instr('local.get', { index: 0 }), instr('throw', { index: 0 })],
          }),
          instr('local.get', { index: 0 }),
          instr('return_call', { index: 0 }),
        ],
      });
    });
    expect(printModule(m, { foldExprs: true }).split('\n').slice(2, 6)).toEqual([
      '  (func (;0;) (type 0) (param i32)',
      '    (try_table (catch 0 0)',
      '      (throw 0 (local.get 0)))',
      '    (return_call 0 (local.get 0)))',
    ]);
  });

  it.skipIf(!hasWabt)('prints weird export and import names as text wabt accepts (needs wabt)', () => {
    const weird = ['<script>', '"', '\\', '\u0000\u0001\n\t', ';)', '(;', '$x', 'é☃\u{1F600}', '', ' '];
    const m = moduleWith((m) => {
      m.types.push({ params: [], results: [] });
      weird.forEach((name) => m.imports.push({ module: name, name, desc: { kind: 'func', type: 0 } }));
      weird.forEach((name, k) => m.exports.push({ name, kind: 'func', index: k }));
      m.names = { module: ';)(;', funcs: new Map(weird.map((n, k) => [k, n])), locals: new Map() };
    });
    const text = printModule(m);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(wabtRejects(text)).toBeUndefined();
    expect(wabtRejects(printModule(m, { foldExprs: true }))).toBeUndefined();
  });
});
