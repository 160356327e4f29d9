// The runtime side of typed references and GC: API values of references
// (their type is the hierarchy's top; hasType matches by subtyping; non-
// nullable types have no default), what describeRef says (cycles and
// sharing in digests), constant expressions that allocate (globals, tables,
// element segments), and import matching by subtyping on canonical types.
import { describe, expect, it } from 'vitest';
import {
  closedFuncType,
  defaultValue,
  hostFunction,
  describeRef,
  digestRef,
  getGlobal,
  getTable,
  hasType,
  HostRef,
  instantiate,
  invoke,
  LinkError,
  parseWat,
  StructRef,
  type ModuleInstance,
  type Value,
} from '../api.js';
import { canonicalTypes } from '../types/canonical.js';

const i32 = (value: number): Value => ({ type: 'i32', value });
const ns = (inst: ModuleInstance) => new Map([['m', inst.exports]]);

describe('reference values', () => {
  const m = parseWat(`(module
    (type $f (sub (func (result i32))))
    (type $g (sub $f (func (result i32))))
    (func $fg (export "fg") (type $g) (i32.const 1))
    (func (export "take") (param (ref $f)) (result i32) (call_ref $f (local.get 0)))
    (func (export "take_eq") (param eqref) (result i32) (ref.is_null (local.get 0))))`);
  const inst = instantiate(m);
  const [f, g] = canonicalTypes(m);
  const fg: Value = { type: 'funcref', ref: (inst.exports.get('fg')!.value as never) };

  it('hasType matches references by subtyping and nullability, within their hierarchy', () => {
    expect(hasType(fg, `ref ${g}`)).toBe(true);
    expect(hasType(fg, `ref ${f}`)).toBe(true);
    expect(hasType(fg, 'ref func')).toBe(true);
    expect(hasType({ type: 'funcref', ref: null }, `ref ${f}`)).toBe(false);
    expect(hasType({ type: 'funcref', ref: null }, `ref null ${f}`)).toBe(true);
    expect(hasType({ type: 'anyref', ref: HostRef.of(1) }, 'anyref')).toBe(true);
    expect(hasType({ type: 'anyref', ref: HostRef.of(1) }, 'eqref')).toBe(false);
    expect(hasType({ type: 'externref', ref: HostRef.of(1) }, 'anyref')).toBe(false);
  });

  it('invoke checks arguments with it: a subtype is accepted, a host value is no eqref', () => {
    expect(invoke(inst, 'take', [fg]).values).toEqual([i32(1)]);
    expect(() => invoke(inst, 'take', [{ type: 'funcref', ref: null }])).toThrow(TypeError);
    expect(() => invoke(inst, 'take_eq', [{ type: 'anyref', ref: HostRef.of(1) }])).toThrow(TypeError);
    expect(invoke(inst, 'take_eq', [{ type: 'anyref', ref: null }]).values).toEqual([i32(1)]);
  });

  it('defaultValue: null of the hierarchy for nullable types, none for non-nullable ones', () => {
    expect(defaultValue('nullref')).toEqual({ type: 'anyref', ref: null });
    expect(defaultValue(`ref null ${f}`)).toEqual({ type: 'funcref', ref: null });
    expect(defaultValue('nullexternref')).toEqual({ type: 'externref', ref: null });
    expect(() => defaultValue('ref any')).toThrow(TypeError);
  });
});

describe('describeRef', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $node (struct (field $v i32) (field $next (mut (ref null $node)))))
      (type $bytes (array (mut i8)))
      (func (export "ring") (param i32) (result anyref) (local $a (ref $node)) (local $b (ref $node))
        (local.set $a (struct.new $node (local.get 0) (ref.null $node)))
        (local.set $b (struct.new $node (i32.const 2) (local.get $a)))
        (struct.set $node $next (local.get $a) (local.get $b))
        (local.get $a))
      (func (export "pair") (result anyref) (local $s (ref $node))
        (local.set $s (struct.new $node (i32.const 1) (ref.null $node)))
        (array.new_fixed $refs 2 (local.get $s) (local.get $s)))
      (func (export "pair2") (result anyref)
        (array.new_fixed $refs 2 (struct.new $node (i32.const 1) (ref.null $node)) (struct.new $node (i32.const 1) (ref.null $node))))
      (type $refs (array (ref null $node)))
      (func (export "bytes") (result anyref) (array.new $bytes (i32.const 200) (i32.const 3)))
      (func (export "i31") (result anyref) (ref.i31 (i32.const -3))))`),
  );
  const get = (name: string, args: Value[] = []) => invoke(inst, name, args).values[0]!;

  it('digests a cyclic structure, and equal graphs give equal digests', () => {
    const ring = describeRef(get('ring', [i32(1)]), inst);
    expect(ring).toMatchObject({ hierarchy: 'any', null: false, kind: 'struct', typeIndex: 0, abstract: ['any', 'eq', 'struct'] });
    expect(ring.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(describeRef(get('ring', [i32(1)])).digest).toBe(ring.digest);
    expect(describeRef(get('ring', [i32(5)])).digest).not.toBe(ring.digest);
  });

  it('tells sharing from equal copies', () => {
    const shared = describeRef(get('pair')).digest;
    expect(shared).not.toBe(describeRef(get('pair2')).digest);
    expect(describeRef(get('pair')).digest).toBe(shared);
  });

  it('a long list does not overflow the JS stack', () => {
    let s = new StructRef(canonicalTypes(parseWat('(module (type $node (struct (field $v i32) (field $next (mut (ref null $node))))))'))[0]!, [0, null]);
    for (let i = 1; i < 200_000; i++) s = new StructRef(s.type, [i, s]);
    expect(digestRef(s)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says what an i31, an array, a host value and a null are', () => {
    expect(describeRef(get('i31'))).toMatchObject({ kind: 'i31', i31: -3, abstract: ['any', 'eq', 'i31'] });
    expect(describeRef(get('bytes'))).toMatchObject({ kind: 'array', abstract: ['any', 'eq', 'array'] });
    expect(describeRef({ type: 'anyref', ref: HostRef.of(4) })).toMatchObject({ kind: 'host', host: 4, abstract: ['any'] });
    expect(describeRef({ type: 'externref', ref: null })).toMatchObject({ null: true, kind: 'null', abstract: ['extern', 'noextern'] });
  });
});

describe('constant expressions that allocate', () => {
  const inst = instantiate(
    parseWat(`(module
      (type $p (struct (field i32) (field i64)))
      (type $a (array i16))
      (global $s (export "s") (ref $p) (struct.new $p (i32.const 7) (i64.const -1)))
      (global $arr (ref $a) (array.new $a (i32.const 0x12345) (i32.const 3)))
      (global $fixed (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
      (global $e (export "e") externref (extern.convert_any (ref.i31 (i32.const 9))))
      (table $t (export "tab") 2 anyref (struct.new_default $p))
      (table $u 3 (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
      (elem (table $t) (i32.const 1) anyref (ref.i31 (i32.const 5)))
      (func (export "s0") (result i32) (struct.get $p 0 (global.get $s)))
      (func (export "arr") (param i32) (result i32) (array.get_u $a (global.get $arr) (local.get 0)))
      (func (export "u") (param i32) (result i32) (array.get_u $a (table.get $u (local.get 0)) (i32.const 1)))
      (func (export "t") (param i32) (result i32) (ref.test (ref $p) (table.get $t (local.get 0)))))`),
  );

  it('initialise globals, tables and element segments', () => {
    expect(invoke(inst, 's0', []).values).toEqual([i32(7)]);
    expect(invoke(inst, 'arr', [i32(2)]).values).toEqual([i32(0x2345)]);
    expect(invoke(inst, 'u', [i32(2)]).values).toEqual([i32(2)]);
    expect([0, 1].map((i) => invoke(inst, 't', [i32(i)]).values[0])).toEqual([i32(1), i32(0)]);
    expect(getGlobal(inst, 's')).toMatchObject({ type: 'anyref' });
    expect(getGlobal(inst, 'e')).toMatchObject({ type: 'externref' });
    expect(getTable(inst, 'tab').map((v) => v.type)).toEqual(['anyref', 'anyref']);
  });
});

describe('import matching on canonical types', () => {
  const exporter = instantiate(
    parseWat(`(module
      (type $f (sub (func)))
      (type $g (sub $f (func)))
      (type $s (sub (struct (field i32))))
      (type $t (sub $s (struct (field i32) (field i32))))
      (func (export "g") (type $g))
      (global (export "imm") (ref $t) (struct.new_default $t))
      (global (export "mut") (mut (ref null $t)) (ref.null $t))
      (table (export "tab") 1 (ref null $t)))`),
  );
  const link = (imports: string) => () =>
    instantiate(
      parseWat(`(module
        (type $f (sub (func)))
        (type $g (sub $f (func)))
        (type $s (sub (struct (field i32))))
        (type $t (sub $s (struct (field i32) (field i32))))
        ${imports})`),
      ns(exporter),
    );

  it('a function matches by declared subtyping, across modules', () => {
    expect(link('(import "m" "g" (func (type $g)))')).not.toThrow();
    expect(link('(import "m" "g" (func (type $f)))')).not.toThrow();
    expect(link('(import "m" "g" (func (param i32)))')).toThrow(LinkError);
  });

  it('an immutable global is covariant, a mutable one and a table element type invariant', () => {
    expect(link('(import "m" "imm" (global (ref $s)))')).not.toThrow();
    expect(link('(import "m" "imm" (global anyref))')).not.toThrow();
    expect(link('(import "m" "mut" (global (mut (ref null $t))))')).not.toThrow();
    expect(link('(import "m" "mut" (global (mut (ref null $s))))')).toThrow(LinkError);
    expect(link('(import "m" "tab" (table 1 (ref null $t)))')).not.toThrow();
    expect(link('(import "m" "tab" (table 1 (ref null $s)))')).toThrow(LinkError);
  });
});

describe('host functions of typed references', () => {
  it('take and return GC references through their closed type, results checked by subtyping', () => {
    const m = parseWat(`(module
      (type $s (struct (field i32)))
      (type $h (func (param (ref $s)) (result (ref null $s))))
      (import "m" "h" (func $h (type $h)))
      (func (export "run") (param i32) (result i32)
        (struct.get $s 0 (ref.as_non_null (call $h (struct.new $s (local.get 0)))))))`);
    let back: Extract<Value, { type: 'anyref' }> = { type: 'anyref', ref: null };
    const h = hostFunction(closedFuncType(m, 1), ([arg]) => {
      expect(describeRef(arg!)).toMatchObject({ kind: 'struct' });
      return [back.ref === null ? arg! : back];
    });
    const inst = instantiate(m, new Map([['m', new Map([['h', h]])]]));
    expect(invoke(inst, 'run', [i32(5)]).values).toEqual([i32(5)]);
    // a host result that is not of the result type is refused
    back = { type: 'anyref', ref: HostRef.of(1) };
    expect(() => invoke(inst, 'run', [i32(5)])).toThrow(/wrong types/);
  });
});
