// The Wasm 3.0 binary format of part 1 (multi-memory, memory64, exception
// handling, tail calls, relaxed SIMD, exnref): the new immediates and
// sections decoded by 3.0 rules and refused by 2.0 rules with 2.0's
// messages, and the encoder writing them back.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WASM_2_0, WASM_3_0 } from '../syntax/features.js';
import { instr as I, type Catch, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { OPCODES, type OpInfo } from '../syntax/opcodes.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { sampleModule30 } from './sample-module.js';
import { message, mod, section, vec, withBody } from './test-bytes.js';

/** The body of the one function of a `withBody` module. */
const body = (bytes: Uint8Array) => decodeModule(bytes).funcs[0]!.body;

/** decode(encode(m)) is m, and encoding again gives the same bytes. */
function roundTrips(m: Module): boolean {
  const bytes = encodeModule(m);
  const back = decodeModule(bytes, WASM_3_0);
  return isDeepStrictEqual(back, m) && encodeModule(back).every((b, i) => b === bytes[i]);
}

/** A module whose one function (type [] -> []) has the given body. */
function moduleWith(instrs: Instr[], extra: Partial<Module> = {}): Module {
  return { ...emptyModule(), types: [{ params: [], results: [] }], funcs: [{ type: 0, locals: [], body: instrs }], ...extra };
}

const MAX_U64_LEB = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];

describe('memarg (multi-memory, memory64)', () => {
  it('reads a memory index when bit 6 of the flags is set, and keeps it only when it is not 0', () => {
    // i32.const 0, i32.load flags 0x42 (align 2, memory index follows) memory 1 offset 5, drop
    expect(body(withBody([0x41, 0x00, 0x28, 0x42, 0x01, 0x05, 0x1a]))[1]).toEqual(I('i32.load', { align: 2, index: 1, offset: 5 }));
    expect(body(withBody([0x41, 0x00, 0x28, 0x42, 0x00, 0x05, 0x1a]))[1]).toEqual(I('i32.load', { align: 2, offset: 5 }));
  });

  it('reads the offset as a u64: 2^64 - 1 is the double 2^64, more is malformed', () => {
    expect(body(withBody([0x41, 0x00, 0x28, 0x02, ...MAX_U64_LEB, 0x1a]))[1]).toEqual(I('i32.load', { align: 2, offset: 2 ** 64 }));
    const tooLarge = [...MAX_U64_LEB.slice(0, 9), 0x02];
    expect(message(withBody([0x41, 0x00, 0x28, 0x02, ...tooLarge, 0x1a]))).toBe('integer too large');
    const tooLong = [...MAX_U64_LEB.slice(0, 9), 0x81, 0x00];
    expect(message(withBody([0x41, 0x00, 0x28, 0x02, ...tooLong, 0x1a]))).toBe('integer representation too long');
  });

  it('accepts alignment exponents up to 63 (a validation matter) and rejects flags from 2^7', () => {
    expect(body(withBody([0x41, 0x00, 0x28, 0x3f, 0x00, 0x1a]))[1]).toEqual(I('i32.load', { align: 63, offset: 0 }));
    expect(message(withBody([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1a]))).toBe('malformed memop flags');
    expect(message(withBody([0x41, 0x00, 0x28, 0x80, 0x02, 0x00, 0x1a]))).toBe('malformed memop flags');
  });

  it('keeps 2.0 rules under WASM_2_0: flags from 32 malformed, u32 offsets', () => {
    expect(message(withBody([0x41, 0x00, 0x28, 0x42, 0x01, 0x05, 0x1a]), WASM_2_0)).toBe('malformed memop flags');
    expect(message(withBody([0x41, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a]), WASM_2_0)).toBe('integer too large');
    expect(message(withBody([0x41, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a]))).toBe('decoded');
  });

  it('reads the memory index of lane loads and stores before the offset, and the lane after it', () => {
    // v128.load8_lane flags 0x40 memory 2 offset 3 lane 7
    const [, , load] = body(withBody([0x41, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x54, 0x40, 0x02, 0x03, 0x07, 0x1a]));
    expect(load).toEqual(I('v128.load8_lane', { align: 0, index: 2, offset: 3, lane: 7 }));
  });
});

describe('memory instructions with memory indices', () => {
  it('reads u32 memory indices where 2.0 had zero bytes', () => {
    expect(body(withBody([0x3f, 0x01, 0x1a]))).toEqual([I('memory.size', { index: 1 }), I('drop')]);
    expect(body(withBody([0x3f, 0x00, 0x1a]))).toEqual([I('memory.size'), I('drop')]);
    expect(body(withBody([0x41, 0x00, 0x40, 0x81, 0x01, 0x1a]))[1]).toEqual(I('memory.grow', { index: 129 }));
    expect(body(withBody([0xfc, 0x0b, 0x02]))).toEqual([I('memory.fill', { index: 2 })]);
    expect(body(withBody([0xfc, 0x0a, 0x01, 0x02]))).toEqual([I('memory.copy', { index: 1, index2: 2 })]);
    expect(body(withBody([0xfc, 0x0a, 0x00, 0x03]))).toEqual([I('memory.copy', { index2: 3 })]);
    expect(body(withBody([0xfc, 0x0a, 0x00, 0x00]))).toEqual([I('memory.copy')]);
    // memory.init data 3 memory 1: the data index first; index2 is always there, like table.init's
    expect(body(withBody([0xfc, 0x08, 0x03, 0x01], section(0x0c, [0x00])))).toEqual([I('memory.init', { index: 3, index2: 1 })]);
  });

  it('requires zero bytes under WASM_2_0', () => {
    expect(message(withBody([0x3f, 0x01, 0x1a]), WASM_2_0)).toBe('zero byte expected');
    expect(message(withBody([0xfc, 0x0a, 0x00, 0x01]), WASM_2_0)).toBe('zero byte expected');
    expect(message(withBody([0xfc, 0x08, 0x00, 0x01], section(0x0c, [0x01])), WASM_2_0)).toBe('zero byte expected');
  });
});

describe('limits (memory64, table64)', () => {
  const memory = (...entry: number[]) => mod(...section(0x05, vec([entry])));
  const table = (...entry: number[]) => mod(...section(0x04, vec([[0x70, ...entry]])));

  it('reads flags 0x04 and 0x05 as the i64 address type with u64 bounds', () => {
    expect(decodeModule(memory(0x04, 0x01)).mems).toEqual([{ limits: { min: 1 }, addr: 'i64' }]);
    expect(decodeModule(memory(0x05, 0x01, ...MAX_U64_LEB)).mems).toEqual([{ limits: { min: 1, max: 2 ** 64 }, addr: 'i64' }]);
    expect(decodeModule(table(0x05, 0x00, 0x0a)).tables).toEqual([{ limits: { min: 0, max: 10 }, elem: 'funcref', addr: 'i64' }]);
  });

  it('reads u64 bounds for i32 too (the validator bounds them)', () => {
    expect(decodeModule(memory(0x00, 0x80, 0x80, 0x80, 0x80, 0x10)).mems).toEqual([{ limits: { min: 2 ** 32 } }]);
  });

  it('reads the flags as a byte: any bit but 0 and 2 is malformed', () => {
    for (const flags of [0x02, 0x03, 0x06, 0x08, 0x10, 0x81]) expect(message(memory(flags, 0x00, 0x00))).toBe('malformed limits flags');
    expect(message(table(0x08))).toBe('malformed limits flags');
  });

  it('keeps 2.0 rules under WASM_2_0: a 1-bit LEB128 flag and u32 bounds', () => {
    expect(message(memory(0x04, 0x01), WASM_2_0)).toBe('integer too large');
    expect(message(memory(0x81, 0x00, 0x00), WASM_2_0)).toBe('integer representation too long');
    expect(message(memory(0x00, 0x80, 0x80, 0x80, 0x80, 0x10), WASM_2_0)).toBe('integer too large');
  });

  it('writes the flags from the address type, and 2^64 as 2^64 - 1', () => {
    const m: Module = { ...emptyModule(), mems: [{ limits: { min: 1, max: 2 ** 64 }, addr: 'i64' }], tables: [{ limits: { min: 0 }, elem: 'funcref', addr: 'i64' }] };
    expect(roundTrips(m)).toBe(true);
    expect([...encodeModule(m)]).toEqual([...mod(...section(0x04, vec([[0x70, 0x04, 0x00]])), ...section(0x05, vec([[0x05, 0x01, ...MAX_U64_LEB]])))]);
  });
});

describe('tags and exceptions', () => {
  const types = section(0x01, vec([[0x60, 0x01, 0x7f, 0x00]]));

  it('reads the tag section between memory and global, and tag imports and exports', () => {
    const tags = section(0x0d, vec([[0x00, 0x00]]));
    const m = decodeModule(mod(...types, ...section(0x05, vec([[0x00, 0x01]])), ...tags, ...section(0x07, vec([[0x01, 0x65, 0x04, 0x00]]))));
    expect(m.tags).toEqual([{ type: 0 }]);
    expect(m.exports).toEqual([{ name: 'e', kind: 'tag', index: 0 }]);
    const imported = decodeModule(mod(...types, ...section(0x02, vec([[0x01, 0x6d, 0x01, 0x74, 0x04, 0x00, 0x00]]))));
    expect(imported.imports).toEqual([{ module: 'm', name: 't', desc: { kind: 'tag', tag: { type: 0 } } }]);
    expect(roundTrips(m) && roundTrips(imported)).toBe(true);
  });

  it('rejects a tag section out of order, a non-zero attribute, and everything tag under WASM_2_0', () => {
    const tags = section(0x0d, vec([[0x00, 0x00]]));
    expect(message(mod(...types, ...section(0x06, vec([])), ...tags))).toBe('unexpected content after last section');
    expect(message(mod(...types, ...section(0x0d, vec([[0x01, 0x00]]))))).toBe('zero byte expected');
    expect(message(mod(...types, ...tags), WASM_2_0)).toBe('malformed section id');
    expect(message(mod(...section(0x02, vec([[0x01, 0x6d, 0x01, 0x74, 0x04, 0x00, 0x00]]))), WASM_2_0)).toBe('malformed import kind');
    expect(message(mod(...section(0x07, vec([[0x01, 0x65, 0x04, 0x00]]))), WASM_2_0)).toBe('malformed export kind');
  });

  it('reads exnref (0x69) and ref.null exn, which 2.0 does not know', () => {
    const global = mod(...section(0x06, vec([[0x69, 0x00, 0xd0, 0x69, 0x0b]])));
    expect(decodeModule(global).globals).toEqual([{ type: { type: 'exnref', mutable: false }, init: [I('ref.null', { refType: 'exnref' })] }]);
    expect(message(global, WASM_2_0)).toBe('malformed reference type');
  });

  it('reads try_table with its catch clauses, throw and throw_ref', () => {
    // try_table (result exnref) (catch 0 0) (catch_ref 0 1) (catch_all 2) (catch_all_ref 3) throw 0 end, throw_ref
    const bytes = withBody([0x1f, 0x69, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x02, 0x02, 0x03, 0x03, 0x08, 0x00, 0x0b, 0x0a]);
    const catches: Catch[] = [
      { kind: 'catch', tag: 0, label: 0 },
      { kind: 'catch_ref', tag: 0, label: 1 },
      { kind: 'catch_all', label: 2 },
      { kind: 'catch_all_ref', label: 3 },
    ];
    expect(body(bytes)).toEqual([I('try_table', { blockType: { kind: 'value', type: 'exnref' }, catches, body: [I('throw', { index: 0 })] }), I('throw_ref')]);
    expect(encodeModule(decodeModule(bytes))).toEqual(bytes);
    expect(message(withBody([0x1f, 0x40, 0x01, 0x04, 0x00, 0x0b]))).toBe('malformed catch clause');
    expect(message(withBody([0x1f, 0x40, 0x00, 0x05, 0x0b]))).toBe('END opcode expected');
  });
});

describe('instructions of a feature the set lacks are illegal opcodes', () => {
  it('decodes tail calls, exception handling and relaxed SIMD by 3.0 rules only', () => {
    expect(body(withBody([0x12, 0x00]))).toEqual([I('return_call', { index: 0 })]);
    expect(body(withBody([0x41, 0x00, 0x13, 0x00, 0x01]))[1]).toEqual(I('return_call_indirect', { index: 0, index2: 1 }));
    expect(message(withBody([0x12, 0x00]), WASM_2_0)).toBe('illegal opcode 12');
    expect(message(withBody([0x41, 0x00, 0x13, 0x00, 0x00]), WASM_2_0)).toBe('illegal opcode 13');
    expect(message(withBody([0x08, 0x00]), WASM_2_0)).toBe('illegal opcode 08');
    expect(message(withBody([0x0a]), WASM_2_0)).toBe('illegal opcode 0a');
    expect(message(withBody([0x1f, 0x40, 0x00, 0x0b]), WASM_2_0)).toBe('illegal opcode 1f');
    // i8x16.relaxed_swizzle is 0xFD 0x100 (LEB128 0x80 0x02)
    const swizzle = [0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x80, 0x02, 0x1a];
    expect(body(withBody(swizzle))[2]).toEqual(I('i8x16.relaxed_swizzle'));
    expect(message(withBody(swizzle), WASM_2_0)).toBe('illegal opcode fd 100');
  });

  it('decodes every 3.0 opcode of the table (feature set 3.0) and none of them by 2.0 rules', () => {
    for (const info of OPCODES.filter((o) => o.feature !== undefined && o.imm === 'none' && o.prefix === 0xfd)) {
      const code = [0x80 | (info.code & 0x7f), info.code >> 7];
      expect(body(withBody([0xfd, ...code, 0x1a]))[0]).toEqual(I(info.name));
      expect(message(withBody([0xfd, ...code, 0x1a]), WASM_2_0)).toMatch(/^illegal opcode fd /);
    }
  });
});

describe('typed function references in the forms part 1 already had', () => {
  it('reads (ref null func) as funcref, and (ref func) and GC types since they are part of 3.0 (decode-gc.test.ts)', () => {
    expect(decodeModule(mod(...section(0x06, vec([[0x63, 0x70, 0x00, 0xd0, 0x70, 0x0b]])))).globals[0]!.type.type).toBe('funcref');
    expect(decodeModule(mod(...section(0x06, vec([[0x64, 0x70, 0x00, 0xd2, 0x00, 0x0b]])))).globals[0]!.type.type).toBe('ref func');
    expect(decodeModule(mod(...section(0x01, vec([[0x5e, 0x7f, 0x00]])))).types).toEqual([{ kind: 'array', field: { type: 'i32', mutable: false } }]);
    expect(message(mod(...section(0x01, vec([[0x5e, 0x78, 0x02]]))))).toBe('malformed mutability');
  });

  it('reads a table initializer, leaving out the default one', () => {
    const withInit = (expr: number[]) => mod(...section(0x04, vec([[0x40, 0x00, 0x70, 0x00, 0x01, ...expr, 0x0b]])));
    expect(decodeModule(withInit([0xd0, 0x70])).tables).toEqual([{ limits: { min: 1 }, elem: 'funcref' }]);
    const m = decodeModule(withInit([0x23, 0x00]));
    expect(m.tables).toEqual([{ limits: { min: 1 }, elem: 'funcref', init: [I('global.get', { index: 0 })] }]);
    expect(roundTrips(m)).toBe(true);
    expect(message(mod(...section(0x04, vec([[0x40, 0x01, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b]]))))).toBe('malformed reference type');
    expect(message(withInit([0xd0, 0x70]), WASM_2_0)).toBe('malformed reference type');
  });
});

describe('the encoder writes what the decoder reads', () => {
  it('round-trips the 3.0 sample module exactly, custom section after the tag section included', () => {
    const m = sampleModule30();
    expect(roundTrips(m)).toBe(true);
    // 2.0 rules refuse it at its first 3.0 form, exnref in the type section.
    expect(message(encodeModule(m), WASM_2_0)).toBe('malformed reference type');
  });

  const memargOps = OPCODES.filter((o) => o.imm === 'memarg' || o.imm === 'memarg_lane');
  const memarg = fc.record({
    info: fc.constantFrom(...memargOps),
    align: fc.integer({ min: 0, max: 63 }),
    memory: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
    offset: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.maxSafeNat(), fc.constant(2 ** 64)),
    lane: fc.integer({ min: 0, max: 255 }),
  });
  const toInstr = ({ info, align, memory, offset, lane }: { info: OpInfo; align: number; memory: number; offset: number; lane: number }): Instr => ({
    op: info.name,
    align,
    offset,
    ...(memory === 0 ? {} : { index: memory }),
    ...(info.imm === 'memarg_lane' ? { lane } : {}),
  });
  // Plain objects, as the decoder makes them (deep equality compares prototypes).
  const plain = { noNullPrototype: true } as const;
  const catchArb: fc.Arbitrary<Catch> = fc.oneof(
    fc.record({ kind: fc.constantFrom('catch' as const, 'catch_ref' as const), tag: fc.nat({ max: 2 ** 32 - 1 }), label: fc.nat({ max: 2 ** 32 - 1 }) }, plain),
    fc.record({ kind: fc.constantFrom('catch_all' as const, 'catch_all_ref' as const), label: fc.nat({ max: 2 ** 32 - 1 }) }, plain),
  );
  const memIndex = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 2 ** 32 - 1 }));

  it('round-trips memargs: any alignment below 2^6, memory index and u64 offset', () => {
    fc.assert(fc.property(fc.array(memarg, { maxLength: 8 }), (ms) => roundTrips(moduleWith(ms.map(toInstr)))));
  });

  it('round-trips try_table catch clauses and memory indices of the bulk instructions', () => {
    fc.assert(
      fc.property(fc.array(catchArb, { maxLength: 5 }), memIndex, memIndex, (catches, a, b) => {
        const idx = (x: number | undefined, field: 'index' | 'index2') => (x === undefined ? {} : { [field]: x });
        const instrs = [
          I('try_table', { blockType: { kind: 'empty' }, catches, body: [I('memory.size', idx(a, 'index')), I('drop')] }),
          I('memory.copy', { ...idx(a, 'index'), ...idx(b, 'index2') }),
          I('memory.init', { index: 0, index2: b ?? 0 }),
        ];
        return roundTrips(moduleWith(instrs, { dataCount: 0 }));
      }),
    );
  });

  it('writes memory 0 exactly as 2.0 did: no flag bit, zero bytes', () => {
    const m = moduleWith([I('i32.const', { i32: 0 }), I('i32.load', { align: 2, offset: 0 }), I('memory.size'), I('memory.copy'), I('drop'), I('drop')]);
    expect(decodeModule(encodeModule(m), WASM_2_0)).toEqual(m);
  });
});
