// The final-state observable. A runtime's driver can only report what an
// exported function returns, so the fuzzer adds one: `__wasmdiff_digest`
// returns an i64 hash (FNV-style multiply-xor) of the memory (its size and
// every byte), every global, and every table (its size and which entries are
// null). The plan calls it last; compare.ts reports a difference in it as
// `wrong-state`. It reads only, never traps, and uses no fuel.
//
// The oracle does not interpret it (a fresh module's first calls run in the
// interpreter's slow tier: a hundred milliseconds and more per page of
// memory, measured on generated cases): reference-run.ts computes the same
// hash directly from the instance (`digestOfInstance`), and digest.test.ts
// checks the two agree.
import { instr, type Instr } from '../reference-runtime/syntax/instructions.js';
import { appendType, globalTypes, type Module } from '../reference-runtime/syntax/module.js';
import type { GlobalType, ValType } from '../reference-runtime/syntax/types.js';
import type { Invocation } from './plan.js';
import type { ModuleInstance, Value } from '../reference-runtime/api.js';

export const DIGEST_EXPORT = '__wasmdiff_digest';

const PRIME = 0x100000001b3n;
const SEED = -0x340d631b7bdddcdbn;
const I = 0; // local: byte address or table index
const H = 1; // local: the hash
const V = 2; // local: a v128 global being mixed in

/** A copy of `m` with the digest function added and exported (the input is not changed). */
export function withDigest(m: Module): Module {
  // recs copied too: appending the digest's type appends a rec group, which must not reach `m`
  const out: Module = { ...m, types: [...m.types], ...(m.recs ? { recs: [...m.recs] } : {}), funcs: [...m.funcs], exports: [...m.exports] };
  const type = appendType(out, { params: [], results: ['i64'] });
  const importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
  const globals = globalTypes(m);
  const tables = [...m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc.table] : [])), ...m.tables];
  const memories = m.imports.filter((i) => i.desc.kind === 'memory').length + m.mems.length;
  const body: Instr[] = [instr('i64.const', { i64: SEED }), instr('local.set', { index: H })];
  if (memories > 0) body.push(...mix([instr('memory.size', { index: 0 }), instr('i64.extend_i32_u')]), ...memoryLoop());
  globals.forEach((g, index) => body.push(...mix(asI64(g.type, [instr('global.get', { index })]))));
  tables.forEach((table, t) => {
    const size = table.addr === 'i64' ? [instr('table.size', { index: t })] : [instr('table.size', { index: t }), instr('i64.extend_i32_u')];
    body.push(...mix(size), ...tableLoop(t, table.addr === 'i64'));
  });
  body.push(instr('local.get', { index: H }));
    // a v128 scratch local only when needed: runtimes without SIMD reject any v128 local
  out.funcs.push({ type, locals: globals.some((g) => g.type === 'v128') ? ['i32', 'i64', 'v128'] : ['i32', 'i64'], body });
  out.exports.push({ name: DIGEST_EXPORT, kind: 'func', index: importedFuncs + m.funcs.length });
  return out;
}

/** The invocation that reads the digest. */
export function digestInvocation(): Invocation {
  return { export: DIGEST_EXPORT, args: [] };
}

/** h = (h ^ x) * PRIME, for code `x` leaving one i64. */
function mix(x: Instr[]): Instr[] {
  return [instr('local.get', { index: H }), ...x, instr('i64.xor'), instr('i64.const', { i64: PRIME }), instr('i64.mul'), instr('local.set', { index: H })];
}

/** A value of type t (left by `code`) as an i64 to mix in. */
function asI64(t: ValType, code: Instr[]): Instr[] {
  switch (t) {
    case 'i32':
      return [...code, instr('i64.extend_i32_u')];
    case 'i64':
      return code;
    case 'f32':
      return [...code, instr('i32.reinterpret_f32'), instr('i64.extend_i32_u')];
    case 'f64':
      return [...code, instr('i64.reinterpret_f64')];
    case 'v128':
      // both halves: (lane 0) xor (lane 1 rotated), so neither half is lost
      return [...code, instr('local.tee', { index: V }), instr('i64x2.extract_lane', { lane: 0 }), instr('local.get', { index: V }), instr('i64x2.extract_lane', { lane: 1 }), instr('i64.const', { i64: 31n }), instr('i64.rotl'), instr('i64.xor')];
    default: // a reference type
      return [...code, instr('ref.is_null'), instr('i64.extend_i32_u')];
  }
}

/** Every 8 bytes of memory 0 mixed in, from address 0 to its size. */
function memoryLoop(): Instr[] {
  const size = [instr('memory.size', { index: 0 }), instr('i32.const', { i32: 16 }), instr('i32.shl')];
  return indexLoop(size, 8, [instr('local.get', { index: I }), instr('i64.load', { align: 3, offset: 0 })]);
}

/** Whether each entry of table t is null, mixed in (plus its index, so that the positions count); a 64-bit table (table64) takes i64 indices (its few entries fit the i32 counter). */
function tableLoop(t: number, i64: boolean): Instr[] {
  const index = i64 ? [instr('local.get', { index: I }), instr('i64.extend_i32_u')] : [instr('local.get', { index: I })];
  const entry = [...index, instr('table.get', { index: t }), instr('ref.is_null'), instr('local.get', { index: I }), instr('i32.add'), instr('i64.extend_i32_u')];
  const size = i64 ? [instr('table.size', { index: t }), instr('i32.wrap_i64')] : [instr('table.size', { index: t })];
  return indexLoop(size, 1, entry);
}

/** for (I = 0; I < limit; I += step) mix(value) */
function indexLoop(limit: Instr[], step: number, value: Instr[]): Instr[] {
  const loopBody: Instr[] = [
    instr('local.get', { index: I }),
    ...limit,
    instr('i32.ge_u'),
    instr('br_if', { index: 1 }),
    ...mix(value),
    instr('local.get', { index: I }),
    instr('i32.const', { i32: step }),
    instr('i32.add'),
    instr('local.set', { index: I }),
    instr('br', { index: 0 }),
  ];
  return [instr('i32.const', { i32: 0 }), instr('local.set', { index: I }), block([instr('loop', { blockType: { kind: 'empty' }, body: loopBody })])];
}

function block(body: Instr[]): Instr {
  return instr('block', { blockType: { kind: 'empty' }, body });
}

/**
 * What `__wasmdiff_digest` returns on `inst`, computed directly: the same
 * hash step by step, its 64-bit state as two 32-bit halves (BigInt
 * arithmetic made this the oracle's costliest step per fuzz case).
 */
export function digestOfInstance(inst: ModuleInstance): bigint {
  const h = new Fnv64(BigInt.asUintN(64, SEED));
  const mem = inst.mems[0];
  if (mem !== undefined) {
    const bytes = mem.bytes;
    h.mix(0, bytes.length / 65536);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at + 8 <= bytes.length; at += 8) h.mix(view.getUint32(at + 4, true), view.getUint32(at, true));
  }
  for (const g of inst.globals) h.mixBig(valueAsI64(g.get()));
  for (const t of inst.tables) {
    h.mix(0, t.elements.length);
    t.elements.forEach((e, i) => h.mix(0, ((e === null || e === undefined ? 1 : 0) + i) >>> 0));
  }
  return h.value();
}

/** h = (h ^ x) * PRIME mod 2^64, PRIME = 2^40 + 0x1b3, on 32-bit halves (every intermediate is an exact double). */
class Fnv64 {
  private hi: number;
  private lo: number;

  constructor(seed: bigint) {
    this.hi = Number(seed >> 32n);
    this.lo = Number(seed & 0xffffffffn);
  }

  mix(xhi: number, xlo: number): void {
    const hi = (this.hi ^ xhi) >>> 0;
    const lo = (this.lo ^ xlo) >>> 0;
    const low = lo * 0x1b3; // < 2^41
    this.lo = low >>> 0;
    // the high half: hi * 0x1b3, the carry of the low product, and lo * 2^40 (lo shifted into the high half by 8)
    this.hi = (hi * 0x1b3 + Math.floor(low / 0x100000000) + (lo << 8)) >>> 0;
  }

  mixBig(x: bigint): void {
    this.mix(Number(x >> 32n), Number(x & 0xffffffffn));
  }

  value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

function valueAsI64(v: Value): bigint {
  switch (v.type) {
    case 'i32':
      return BigInt(v.value >>> 0);
    case 'i64':
      return BigInt.asUintN(64, v.value);
    case 'f32':
      return BigInt(v.bits >>> 0);
    case 'f64':
      return BigInt.asUintN(64, v.bits);
    case 'v128': {
      const view = new DataView(v.bytes.buffer, v.bytes.byteOffset, 16);
      const lo = view.getBigUint64(0, true);
      const hi = view.getBigUint64(8, true);
      const rotl31 = ((hi << 31n) | (hi >> 33n)) & ((1n << 64n) - 1n);
      return lo ^ rotl31;
    }
    default: // a reference type
      return v.ref === null || v.ref === undefined ? 1n : 0n;
  }
}
