// memory64 and table64: a memory's or table's address type is the type of
// every address, size and delta of the instructions that use it (spec 3.3.6,
// 3.3.7). The expected signatures are written out here from the spec, apart
// from the opcode table, and checked on every pairing of address types: the
// expected operands validate, and flipping any one i32/i64 operand or result
// does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instr, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { OPCODES, signature, type OpName } from '../syntax/opcodes.js';
import type { AddrType, ValType } from '../syntax/types.js';
import { validationOutcome } from './test-outcome.js';

interface Case {
  name: string;
  ins: Instr;
  params: ValType[];
  results: ValType[];
}

/** The narrower of two address types: the length operand of a copy between them. */
const narrower = (a: AddrType, b: AddrType): AddrType => (a === 'i64' && b === 'i64' ? 'i64' : 'i32');
const flip = (t: ValType): ValType => (t === 'i32' ? 'i64' : t === 'i64' ? 'i32' : t);

/** Every instruction that takes an address type, with memory or table 0 of type `a` and 1 of type `b`, using index `x` (0 or 1). */
function cases(a: AddrType, b: AddrType, x: 0 | 1): Case[] {
  const at = x === 0 ? a : b;
  const out: Case[] = [];
  for (const info of OPCODES) {
    if (info.imm !== 'memarg' && info.imm !== 'memarg_lane') continue;
    const sig = signature(info)!;
    // Loads and stores: the address first, then what the opcode table says.
    const params = [at, ...(sig.params.slice(1) as ValType[])];
    out.push({ name: info.name, ins: instr(info.name, { index: x, align: info.align, offset: 0, lane: 0 }), params, results: sig.results as ValType[] });
  }
  const mem = (name: OpName, params: ValType[], results: ValType[], imm: Partial<Instr> = { index: x }) =>
    out.push({ name, ins: instr(name, imm), params, results });
  mem('memory.size', [], [at]);
  mem('memory.grow', [at], [at]);
  mem('memory.fill', [at, 'i32', at], []);
  mem('memory.init', [at, 'i32', 'i32'], [], { index: 0, index2: x });
  mem('memory.copy', [at, x === 0 ? b : a, narrower(at, x === 0 ? b : a)], [], { index: x, index2: 1 - x });
  mem('table.get', [at], ['funcref']);
  mem('table.set', [at, 'funcref'], []);
  mem('table.size', [], [at]);
  mem('table.grow', ['funcref', at], [at]);
  mem('table.fill', [at, 'funcref', at], []);
  mem('table.init', [at, 'i32', 'i32'], [], { index: 0, index2: x });
  mem('table.copy', [at, x === 0 ? b : a, narrower(at, x === 0 ? b : a)], [], { index: x, index2: 1 - x });
  // Type 1 is [f32] -> [f64]; the table operand comes last.
  mem('call_indirect', ['f32', at], ['f64'], { index: 1, index2: x });
  mem('return_call_indirect', ['f32', at], ['f64'], { index: 1, index2: x });
  return out;
}

/** A module with two memories and two funcref tables of the given address types, and one function typing `c` with operand types `operands`. */
function moduleFor(a: AddrType, b: AddrType, c: Case, operands: ValType[], results: ValType[]): Module {
  const m = emptyModule();
  m.types.push({ params: operands, results }, { params: ['f32'], results: ['f64'] });
  m.funcs.push({ type: 0, locals: [], body: [...operands.map((_, i) => instr('local.get', { index: i })), c.ins] });
  m.mems.push({ limits: { min: 1 }, addr: a }, { limits: { min: 1 }, addr: b });
  m.tables.push({ limits: { min: 1 }, elem: 'funcref', addr: a }, { limits: { min: 1 }, elem: 'funcref', addr: b });
  m.datas.push({ init: new Uint8Array(), mode: { kind: 'passive' } });
  m.elems.push({ type: 'funcref', init: [], mode: { kind: 'passive' } });
  return m;
}

const outcome = (m: Module) => validationOutcome(m);

const ADDR: AddrType[] = ['i32', 'i64'];
const pairings = ADDR.flatMap((a) => ADDR.flatMap((b) => ([0, 1] as const).map((x) => [a, b, x] as const)));

describe('address types of memories and tables', () => {
  it('type every address, size and delta, and nothing else', () => {
    let checked = 0;
    for (const [a, b, x] of pairings) {
      for (const c of cases(a, b, x)) {
        const where = `${c.name} on ${a}/${b}, index ${x}`;
        expect(outcome(moduleFor(a, b, c, c.params, c.results)), where).toBe('valid');
        c.params.forEach((t, i) => {
          if (t !== 'i32' && t !== 'i64') return;
          const wrong = c.params.map((u, j) => (j === i ? flip(u) : u));
          expect(outcome(moduleFor(a, b, c, wrong, c.results)), `${where}, operand ${i}`).toMatch(/^type mismatch/);
        });
        // return_call_indirect leaves nothing: its results are the function's, checked apart.
        if (c.name === 'return_call_indirect') continue;
        c.results.forEach((t, i) => {
          if (t !== 'i32' && t !== 'i64') return;
          const wrong = c.results.map((u, j) => (j === i ? flip(u) : u));
          expect(outcome(moduleFor(a, b, c, c.params, wrong)), `${where}, result ${i}`).toMatch(/^type mismatch/);
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8 * 50);
  });

  it('accept exactly the expected operand types (property)', () => {
    const numeric: ValType[] = ['i32', 'i64', 'f32'];
    fc.assert(
      fc.property(
        fc.constantFrom(...pairings),
        fc.nat(),
        fc.array(fc.constantFrom(...numeric), { minLength: 4, maxLength: 4 }),
        ([a, b, x], pick, draw) => {
          const all = cases(a, b, x);
          const c = all[pick % all.length]!;
          // Redraw the i32/i64 operands; keep the others (values, references) as expected.
          const operands = c.params.map((t, i) => (t === 'i32' || t === 'i64' ? draw[i]! : t));
          const same = operands.every((t, i) => t === c.params[i]);
          const got = outcome(moduleFor(a, b, c, operands, c.results));
          return same ? got === 'valid' : /^type mismatch/.test(got);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('limits and offsets by address type', () => {
  const mod = (extra: Partial<Module>) => outcome({ ...emptyModule(), ...extra });

  it('bounds memories at 2^16 pages (i32) and 2^48 (i64), tables at 2^32-1 (i32) and 2^64-1 (i64)', () => {
    expect(mod({ mems: [{ limits: { min: 65536 } }] })).toBe('valid');
    expect(mod({ mems: [{ limits: { min: 65537 } }] })).toBe('memory size must be at most 65536 pages (4GiB)');
    expect(mod({ mems: [{ limits: { min: 0, max: 65537 } }] })).toBe('memory size must be at most 65536 pages (4GiB)');
    expect(mod({ mems: [{ limits: { min: 65537 }, addr: 'i64' }] })).toBe('valid');
    expect(mod({ mems: [{ limits: { min: 2 ** 48 }, addr: 'i64' }] })).toBe('valid');
    expect(mod({ mems: [{ limits: { min: 2 ** 48 + 1 }, addr: 'i64' }] })).toMatch(/^memory size must be at most/);
    expect(mod({ mems: [{ limits: { min: 0, max: 2 ** 48 + 1 }, addr: 'i64' }] })).toMatch(/^memory size must be at most/);
    expect(mod({ tables: [{ limits: { min: 2 ** 32 - 1 }, elem: 'funcref' }] })).toBe('valid');
    expect(mod({ tables: [{ limits: { min: 2 ** 32 }, elem: 'funcref' }] })).toBe('table size must be at most 2^32-1');
    // 2^64-1 is kept as its nearest double, 2^64: every u64 is a valid i64 table size.
    expect(mod({ tables: [{ limits: { min: 2 ** 32, max: 2 ** 64 }, elem: 'funcref', addr: 'i64' }] })).toBe('valid');
    expect(mod({ tables: [{ limits: { min: 2, max: 1 }, elem: 'funcref', addr: 'i64' }] })).toBe('size minimum must not be greater than maximum');
    const imported = (addr: AddrType, min: number) => ({ module: 'm', name: 'n', desc: { kind: 'memory' as const, memory: { limits: { min }, addr } } });
    expect(mod({ imports: [imported('i64', 2 ** 48 + 1)] })).toMatch(/^memory size/);
    expect(mod({ imports: [imported('i32', 65537)] })).toMatch(/^memory size/);
  });

  it('requires memarg offsets below 2^32 on i32 memories only', () => {
    const load = (addr: AddrType, offset: number) => {
      const m = emptyModule();
      m.types.push({ params: [addr], results: ['i32'] });
      m.funcs.push({ type: 0, locals: [], body: [instr('local.get', { index: 0 }), instr('i32.load', { align: 2, offset })] });
      m.mems.push({ limits: { min: 1 }, addr });
      return outcome(m);
    };
    expect(load('i32', 2 ** 32 - 1)).toBe('valid');
    expect(load('i32', 2 ** 32)).toBe('offset out of range');
    expect(load('i64', 2 ** 32)).toBe('valid');
    expect(load('i64', 2 ** 64)).toBe('valid');
  });

  it('types segment offsets by the address type of their memory or table', () => {
    const i64c = [instr('i64.const', { i64: 0n })];
    const i32c = [instr('i32.const', { i32: 0 })];
    const data = (addr: AddrType, offset: Instr[]) =>
      mod({ mems: [{ limits: { min: 1 } }, { limits: { min: 1 }, addr }], datas: [{ init: new Uint8Array(1), mode: { kind: 'active', memory: 1, offset } }] });
    expect(data('i64', i64c)).toBe('valid');
    expect(data('i64', i32c)).toMatch(/^type mismatch/);
    expect(data('i32', i64c)).toMatch(/^type mismatch/);
    const elem = (addr: AddrType, offset: Instr[]) =>
      mod({ tables: [{ limits: { min: 1 }, elem: 'funcref', addr }], elems: [{ type: 'funcref', init: [], mode: { kind: 'active', table: 0, offset } }] });
    expect(elem('i64', i64c)).toBe('valid');
    expect(elem('i64', i32c)).toMatch(/^type mismatch/);
  });
});
