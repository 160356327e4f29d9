// The public API of the reference runtime: outcomes a comparator relies on.
import { describe, expect, it } from 'vitest';
import { Exhaustion, HostRef, LinkError, Trap, getGlobal, getMemory, getTable, hostFunction, instantiate, invoke, parseWat, spectest, type Value } from './api.js';

function run(wat: string, name: string, args: Value[] = [], imports = new Map()) {
  return invoke(instantiate(parseWat(wat), imports), name, args);
}

function trapOf(f: () => unknown): Trap {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('no trap');
}

const i32 = (value: number): Value => ({ type: 'i32', value });

describe('invoke', () => {
  it('computes with exact bits and reports exact results when nothing was chosen', () => {
    const r = run('(module (func (export "f") (param i64 f32) (result i64 f32 f64) (local.get 0) (local.get 1) (f64.const -0)))', 'f', [
      { type: 'i64', value: -5n },
      { type: 'f32', bits: 0x7fa00001 }, // a signalling NaN passes through untouched
    ]);
    expect(r.values).toEqual([
      { type: 'i64', value: -5n },
      { type: 'f32', bits: 0x7fa00001 },
      { type: 'f64', bits: 0x8000_0000_0000_0000n },
    ]);
    expect(r.nondeterministic).toBe(false);
    expect(r.allowed.map((a) => a.kind)).toEqual(['exact', 'exact', 'exact']);
  });

  it('recursion deeper than the call-depth limit is Exhaustion, not a RangeError', () => {
    const inst = instantiate(parseWat('(module (func $f (export "f") (call $f)))'));
    expect(() => invoke(inst, 'f', [])).toThrow(Exhaustion);
    // the machine is usable afterwards
    expect(run('(module (func (export "g") (result i32) (i32.const 7)))', 'g').values).toEqual([i32(7)]);
  });

  it('deep but bounded recursion completes', () => {
    const wat = `(module (func $d (export "d") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))`;
    expect(run(wat, 'd', [i32(5000)]).values).toEqual([i32(5000)]);
  });

  it('a NaN chosen by an arithmetic op is reported as a set: canonical in, canonical allowed', () => {
    const r = run('(module (func (export "f") (result f32) (f32.add (f32.const nan) (f32.const 1))))', 'f');
    expect(r.nondeterministic).toBe(true);
    expect(r.reasons).toContain('nan');
    expect(r.allowed).toEqual([{ kind: 'nan:canonical' }]);
  });

  it('a NaN from a non-canonical operand allows any arithmetic NaN', () => {
    const r = run('(module (func (export "f") (result f64) (f64.mul (f64.const nan:0x4) (f64.const 2))))', 'f');
    expect(r.allowed).toEqual([{ kind: 'nan:arithmetic' }]);
    const bits = (r.values[0] as { bits: bigint }).bits;
    expect(bits & 0x7ff8_0000_0000_0000n).toBe(0x7ff8_0000_0000_0000n);
  });

  it('memory.grow beyond the maximum returns -1 and counts as a grow choice when it may succeed', () => {
    const wat = '(module (memory 1 2) (func (export "g") (param i32) (result i32) (memory.grow (local.get 0))))';
    const inst = instantiate(parseWat(wat));
    expect(invoke(inst, 'g', [i32(5)]).values).toEqual([i32(-1)]);
    const ok = invoke(inst, 'g', [i32(1)]);
    expect(ok.values).toEqual([i32(1)]);
    expect(ok.reasons).toEqual(['grow']);
    expect(invoke(inst, 'g', [i32(1)]).values).toEqual([i32(-1)]);
  });

  it('a memory larger than the runtime limit fails instantiation with a resource-exhausted trap', () => {
    expect(trapOf(() => instantiate(parseWat('(module (memory 20000))'))).kind).toBe('resource exhausted');
  });

  it('memory.grow past 65536 pages fails without a declared maximum', () => {
    expect(run('(module (memory 0) (func (export "g") (result i32) (memory.grow (i32.const 65537))))', 'g').values).toEqual([i32(-1)]);
  });
});

describe('traps', () => {
  const cases: [string, string, string][] = [
    ['unreachable', '(unreachable)', 'unreachable'],
    ['integer divide by zero', '(drop (i32.div_s (i32.const 1) (i32.const 0)))', 'integer divide by zero'],
    ['integer overflow', '(drop (i32.div_s (i32.const 0x80000000) (i32.const -1)))', 'integer overflow'],
    ['invalid conversion to integer', '(drop (i32.trunc_f32_s (f32.const nan)))', 'invalid conversion to integer'],
    // the effective address 0xffffffff + 1 does not wrap to 0
    ['out of bounds memory access', '(drop (i32.load offset=1 (i32.const 0xffffffff)))', 'out of bounds memory access'],
    ['out of bounds table access', '(drop (table.get 0 (i32.const 10)))', 'out of bounds table access'],
    ['undefined element', '(call_indirect (i32.const 10))', 'undefined element'],
    ['uninitialized element', '(call_indirect (i32.const 1))', 'uninitialized element'],
    ['indirect call type mismatch', '(call_indirect (param i32) (i32.const 0) (i32.const 0))', 'indirect call type mismatch'],
  ];
  it.each(cases)('%s', (_name, body, kind) => {
    const wat = `(module (memory 1) (table 10 funcref) (elem (i32.const 0) $t) (func $t) (func (export "f") ${body}))`;
    const inst = instantiate(parseWat(wat));
    expect(trapOf(() => invoke(inst, 'f', [])).kind).toBe(kind);
  });

  it('call_indirect accepts a structurally equal type from another type index', () => {
    const wat = `(module (type $a (func (result i32))) (type $b (func (result i32)))
      (table funcref (elem $k)) (func $k (type $a) (i32.const 9))
      (func (export "f") (result i32) (call_indirect (type $b) (i32.const 0))))`;
    expect(run(wat, 'f').values).toEqual([i32(9)]);
  });
});

describe('instantiation', () => {
  it('links spectest and host functions, and reports unknown and incompatible imports', () => {
    const seen: Value[][] = [];
    const imports = new Map([
      ['spectest', spectest()],
      ['env', new Map([['log', hostFunction({ params: ['i32'], results: [] }, (args) => (seen.push(args), []))]])],
    ]);
    const wat = `(module (import "spectest" "global_i32" (global i32)) (import "env" "log" (func $log (param i32)))
      (func (export "f") (call $log (global.get 0))))`;
    invoke(instantiate(parseWat(wat), imports), 'f', []);
    expect(seen).toEqual([[i32(666)]]);
    expect(() => instantiate(parseWat('(module (import "env" "nope" (func)))'), imports)).toThrow(/^unknown import/);
    expect(() => instantiate(parseWat('(module (import "env" "log" (func (param i64))))'), imports)).toThrow(LinkError);
  });

  it('a host function may call back into wasm (re-entrant machine)', () => {
    const inner = instantiate(parseWat('(module (func (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))'));
    const imports = new Map([
      ['env', new Map([['sq', hostFunction({ params: ['i32'], results: ['i32'] }, (args) => invoke(inner, 'sq', args).values)]])],
    ]);
    const wat = `(module (import "env" "sq" (func $sq (param i32) (result i32)))
      (func (export "f") (param i32) (result i32) (i32.add (i32.const 1) (call $sq (i32.add (local.get 0) (i32.const 1))))))`;
    expect(invoke(instantiate(parseWat(wat), imports), 'f', [i32(4)]).values).toEqual([i32(26)]);
  });

  it('a trapping data segment leaves earlier segments written (2.0 semantics)', () => {
    const mem = spectest();
    const imports = new Map([['spectest', mem]]);
    const wat = `(module (import "spectest" "memory" (memory 1))
      (data (i32.const 0) "\\2a") (data (i32.const 70000) "x"))`;
    expect(() => instantiate(parseWat(wat), imports)).toThrow(Trap);
    const memory = mem.get('memory')!;
    expect(memory.kind === 'memory' && memory.value.bytes[0]).toBe(42);
  });

  it('exposes exported globals, memories and tables', () => {
    const wat = `(module (global (export "g") (mut i64) (i64.const -1)) (memory (export "m") 1) (data (i32.const 3) "\\07")
      (table (export "t") 2 externref) (func (export "set") (param externref) (table.set 0 (i32.const 1) (local.get 0))))`;
    const inst = instantiate(parseWat(wat));
    expect(getGlobal(inst, 'g')).toEqual({ type: 'i64', value: -1n });
    expect(getMemory(inst, 'm')[3]).toBe(7);
    invoke(inst, 'set', [{ type: 'externref', ref: HostRef.of(5) }]);
    expect(getTable(inst, 't')).toEqual([
      { type: 'externref', ref: null },
      { type: 'externref', ref: HostRef.of(5) },
    ]);
  });
});
