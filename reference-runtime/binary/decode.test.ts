import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WASM_2_0 } from '../syntax/features.js';
import { instr as I, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { sampleModule } from './sample-module.js';
import { HEADER, message, mod, withBody } from './test-bytes.js';
import { hasWast2json, wat2wasm } from './wabt-fixtures.js';

describe('decodeModule', () => {
  it('decodes the empty module', () => {
    expect(decodeModule(mod())).toEqual(emptyModule());
  });

  it('round-trips the sample module exactly by 2.0 rules, names and custom placement included', () => {
    const m = sampleModule();
    const bytes = encodeModule(m, { names: true });
    // 3.0 reads its function-index segments as (ref func): decode-gc.test.ts
    const back = decodeModule(bytes, WASM_2_0);
    expect(isDeepStrictEqual(back, m)).toBe(true);
    expect(encodeModule(back, { names: true })).toEqual(bytes);
    // Without the option the name section is left out.
    expect(decodeModule(encodeModule(m)).names).toBeUndefined();
  });

  it('keeps float constants as raw bits, NaN payloads included', () => {
    const body = [0x43, 0x01, 0x00, 0xa0, 0x7f, 0x1a, 0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0xff, 0x1a];
    const [f32, , f64] = decodeModule(withBody(body)).funcs[0]!.body;
    expect(f32).toEqual({ op: 'f32.const', f32: 0x7fa0_0001 });
    expect(f64).toEqual({ op: 'f64.const', f64: 0xfff0_0000_0000_0001n });
  });

  it('decodes structured instructions into nested bodies', () => {
    // if (result i32) i32.const 1 else i32.const 2 end drop
    const body = decodeModule(withBody([0x41, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a])).funcs[0]!.body;
    expect(body[1]).toEqual(
      I('if', { blockType: { kind: 'value', type: 'i32' }, body: [I('i32.const', { i32: 1 })], elseBody: [I('i32.const', { i32: 2 })] }),
    );
  });

  it('decodes and encodes nesting thousands of blocks deep without recursion', () => {
    const depth = 20_000;
    const body = [...new Array(depth).fill([0x02, 0x40]).flat(), ...new Array(depth).fill(0x0b)];
    const m = decodeModule(withBody(body));
    let level: Instr[] = m.funcs[0]!.body;
    let seen = 0;
    while (level.length === 1 && level[0]!.op === 'block') {
      level = level[0]!.body!;
      seen++;
    }
    expect(seen).toBe(depth);
    expect(decodeModule(encodeModule(m)).funcs[0]!.body.length).toBe(1);
  });

  it('keeps the element segment form and writes function indices when it can', () => {
    const m: Module = emptyModule();
    m.elems = [
      { type: 'funcref', init: [[I('ref.func', { index: 0 })]], mode: { kind: 'passive' } },
      { type: 'funcref', init: [[I('ref.func', { index: 0 })]], mode: { kind: 'passive' }, form: 'exprs' },
    ];
    const back = decodeModule(encodeModule(m));
    expect(back.elems.map((e) => e.form)).toEqual(['indices', 'exprs']);
  });

  it('writes a data count section exactly when dataCount is set', () => {
    const m = emptyModule();
    expect(encodeModule(m)).toEqual(mod());
    m.dataCount = 0;
    expect(encodeModule(m)).toEqual(mod(0x0c, 0x01, 0x00));
  });

  it('compresses locals into runs', () => {
    const m = emptyModule();
    m.types = [{ params: [], results: [] }];
    m.funcs = [{ type: 0, locals: ['i32', 'i32', 'i64', 'i32'], body: [] }];
    const bytes = encodeModule(m);
    // code section: 1 body of 8 bytes: 3 runs (2 i32) (1 i64) (1 i32), end
    expect([...bytes.slice(-12)]).toEqual([0x0a, 0x0a, 0x01, 0x08, 0x03, 0x02, 0x7f, 0x01, 0x7e, 0x01, 0x7f, 0x0b]);
    expect(decodeModule(bytes).funcs[0]!.locals).toEqual(['i32', 'i32', 'i64', 'i32']);
  });

  it('keeps a name section it cannot fully read as an ordinary custom section', () => {
    // subsection 1 with a name map whose indices are out of order
    const payload = [0x04, ...new TextEncoder().encode('name'), 0x01, 0x07, 0x02, 0x01, 0x01, 0x61, 0x00, 0x01, 0x62];
    const m = decodeModule(mod(0x00, payload.length, ...payload));
    expect(m.names).toBeUndefined();
    expect(m.customs.map((c) => c.name)).toEqual(['name']);
    expect(encodeModule(m)).toEqual(mod(0x00, payload.length, ...payload));
  });
});

describe('malformed binaries', () => {
  it('reports the spec testsuite messages', () => {
    expect(message(Uint8Array.of(0x00, 0x61, 0x73))).toMatch(/^unexpected end/);
    expect(message(mod(0x0d, 0x00), WASM_2_0)).toBe('malformed section id');
    expect(message(mod(0x0e, 0x00))).toBe('malformed section id');
    expect(message(Uint8Array.of(0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0))).toBe('magic header not detected');
    expect(message(Uint8Array.of(...HEADER.slice(0, 4), 2, 0, 0, 0))).toBe('unknown binary version');
    expect(message(mod(0x01, 0x01, 0x00, 0x01, 0x01, 0x00))).toBe('unexpected content after last section');
    expect(message(mod(0x0a, 0x01, 0x00, 0x01, 0x01, 0x00))).toBe('unexpected content after last section');
    expect(message(mod(0x01, 0x03, 0x00))).toBe('length out of bounds');
    expect(message(mod(0x01, 0x02, 0x00, 0x00))).toBe('section size mismatch');
    expect(message(mod(0x03, 0x02, 0x01, 0x00))).toBe('function and code section have inconsistent lengths');
    expect(message(mod(0x0c, 0x01, 0x01))).toBe('data count and data section have inconsistent lengths');
    expect(message(mod(0x00, 0x03, 0x02, 0xc0, 0x80))).toBe('malformed UTF-8 encoding');
    expect(message(mod(0x02, 0x04, 0x01, 0x00, 0x00, 0x04), WASM_2_0)).toBe('malformed import kind');
    expect(message(mod(0x02, 0x04, 0x01, 0x00, 0x00, 0x05))).toBe('malformed import kind');
  });

  it('rejects bad instructions by 2.0 rules', () => {
    expect(message(withBody([0x06]), WASM_2_0)).toBe('illegal opcode 06');
    expect(message(withBody([0xfc, 0x12]), WASM_2_0)).toBe('illegal opcode fc 12');
    expect(message(withBody([0x3f, 0x01, 0x1a]), WASM_2_0)).toBe('zero byte expected');
    expect(message(withBody([0x05]), WASM_2_0)).toBe('END opcode expected');
    expect(message(withBody([0x41, 0x00, 0x28, 0x20, 0x00, 0x1a]), WASM_2_0)).toBe('malformed memop flags');
    expect(message(withBody([0x02, 0x7a, 0x0b]), WASM_2_0)).toBe('malformed block type');
  });

  it('rejects bad instructions by 3.0 rules', () => {
    expect(message(withBody([0x06]))).toBe('illegal opcode 06');
    expect(message(withBody([0xfc, 0x12]))).toBe('illegal opcode fc 12');
    expect(message(withBody([0x05]))).toBe('END opcode expected');
    expect(message(withBody([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1a]))).toBe('malformed memop flags');
    // A negative s33 is no type index, and 0x7a no value type.
    expect(message(withBody([0x02, 0x7a, 0x0b]))).toBe('malformed reference type');
  });

  it('requires a data count section for memory.init and data.drop', () => {
    expect(message(withBody([0xfc, 0x09, 0x00]))).toBe('data count section required');
    // With a data count section the index is a validation matter (unknown data segment).
    expect(message(withBody([0xfc, 0x09, 0x00], [0x0c, 0x01, 0x00]))).toBe('decoded');
  });

  it('limits locals: the spec bound 2^32 - 1 and an implementation limit below it', () => {
    const runs = (count: number[]) => [0x02, ...count, 0x7f, 0x01, 0x7e];
    const fn = (locals: number[]) => {
      const code = [...locals, 0x0b];
      return mod(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, code.length + 2, 0x01, code.length, ...code);
    };
    expect(message(fn(runs([0xff, 0xff, 0xff, 0xff, 0x0f])))).toBe('too many locals');
    expect(message(fn(runs([0xff, 0xff, 0x03])))).toMatch(/^too many locals \(implementation limit/);
  });
});

describe.skipIf(!hasWast2json)('against wabt (skipped: wat2wasm not installed)', () => {
  it('decodes what wat2wasm writes and re-encodes it byte for byte', () => {
    const bytes = wat2wasm(`(module
      (type $t (func (param i32) (result i32)))
      (memory 1) (table 2 funcref)
      (func $f (type $t) (local i64 i64 f32)
        (block (result i32) (local.get 0) (br_table 0 0 (i32.const 1)))
        (v128.const i32x4 1 2 3 4) (i32x4.extract_lane 3) (i32.add)
        (call_indirect (type $t) (i32.const 0)))
      (elem (i32.const 0) $f $f)
      (data (i32.const 0) "hi"))`);
    expect(encodeModule(decodeModule(bytes))).toEqual(bytes);
  });
});
