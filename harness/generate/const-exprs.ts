// Constant expressions beyond a single constant (extended-const): i32 and i64
// add, sub and mul in global initialisers and segment offsets, reading an
// earlier immutable global of the module only when the module uses GC (the
// rule engines tie to GC: harness/conformance/features.ts). An offset must land where the plain
// constant would (in bounds), so it is written as a sum or difference that
// evaluates to the chosen value, or as a known global plus the rest.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { AddrType } from '../../reference-runtime/syntax/types.js';
import { chooseValue } from './boundary.js';
import type { Choices } from './choices.js';
import { constInstr } from '../../adapters/values.js';
import type { Shape } from './module-shape.js';

/** The constant `value` as an address of type `addr` (i64 on a 64-bit memory or table). */
export function addrConst(value: number, addr: AddrType): Instr {
  return addr === 'i64' ? instr('i64.const', { i64: BigInt(value) }) : instr('i32.const', { i32: value | 0 });
}

/** A segment offset evaluating to `value`: a constant, or (extended-const) an expression that computes it. */
export function offsetExpr(c: Choices, s: Shape, value: number, addr: AddrType): Instr[] {
  if (!s.features.has('extended-const') || !c.chance(50)) return [addrConst(value, addr)];
  const known = addr === 'i32' && s.features.has('gc') ? [...s.knownI32] : [];
  const op = (name: 'add' | 'sub' | 'mul') => instr(`${addr}.${name}`);
  const choice = c.int(known.length > 0 ? 4 : 3);
  if (choice === 3) {
    const [g, v] = c.pick(known);
    return [instr('global.get', { index: g }), addrConst((value - v) | 0, addr), op('add')];
  }
  const k = c.int(1000);
  if (choice === 1) return [addrConst(value + k, addr), addrConst(k, addr), op('sub')];
  if (choice === 2) return [addrConst(value, addr), addrConst(1, addr), op('mul')];
  return [addrConst(value - k, addr), addrConst(k, addr), op('add')];
}

/** An i32 or i64 global initialiser in extended form: constants and earlier immutable globals of its type, combined. */
export function extendedInit(c: Choices, s: Shape, t: 'i32' | 'i64', globals: number): Instr[] {
  const readable = s.features.has('gc') ? s.module.globals.slice(0, globals).flatMap((g, i) => (!g.type.mutable && g.type.type === t ? [i] : [])) : [];
  const operand = (): Instr => (readable.length > 0 && c.chance(40) ? instr('global.get', { index: c.pick(readable) }) : constInstr(chooseValue(c, t)));
  if (c.chance(20)) return [operand()];
  return [operand(), operand(), instr(`${t}.${c.pick(['add', 'sub', 'mul'] as const)}`)];
}
