// i64 operations (spec 4.3.2) on the interpreter's representation: a BigInt
// holding a signed 64-bit value. Results wrap with BigInt.asIntN(64, ...).
// Comparisons return 0 or 1 numbers; clz/ctz/popcnt return BigInt. Every
// export is an instruction: `index.ts` builds the dispatch table from them.

import { Trap } from '../../errors.js';
import { HI, LO, scratchI32, scratchI64 } from './scratch.js';
import { ctz as ctz32, popcnt as popcnt32 } from './i32.js';
// the operations the interpreter also runs inline, generated from exec/ops.ts
export * from './i64.generated.js';

const MIN = -0x8000000000000000n;

function wrap(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

function unsigned(x: bigint): bigint {
  return BigInt.asUintN(64, x);
}

// The bit-counting operations split the value into two int32 words through
// the scratch buffer, which is much cheaper than BigInt shifts and masks.
export function clz(a: bigint): bigint {
  scratchI64[0] = a;
  const hi = scratchI32[HI]!;
  return BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(scratchI32[LO]!));
}

export function ctz(a: bigint): bigint {
  scratchI64[0] = a;
  const lo = scratchI32[LO]!;
  return BigInt(lo !== 0 ? ctz32(lo) : 32 + ctz32(scratchI32[HI]!));
}

export function popcnt(a: bigint): bigint {
  scratchI64[0] = a;
  return BigInt(popcnt32(scratchI32[LO]!) + popcnt32(scratchI32[HI]!));
}

// BigInt division truncates toward zero, as div_s and rem_s require.
export function div_s(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  if (b === -1n && a === MIN) throw new Trap('integer overflow');
  return a / b;
}

export function div_u(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return wrap(unsigned(a) / unsigned(b));
}

/** MIN rem -1 is 0, no trap. */
export function rem_s(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return a % b;
}

export function rem_u(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return wrap(unsigned(a) % unsigned(b));
}

export function rotl(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = unsigned(a);
  return wrap((u << k) | (u >> (64n - k)));
}

export function rotr(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = unsigned(a);
  return wrap((u >> k) | (u << (64n - k)));
}

export function extend8_s(a: bigint): bigint {
  return BigInt.asIntN(8, a);
}

export function extend16_s(a: bigint): bigint {
  return BigInt.asIntN(16, a);
}

export function extend32_s(a: bigint): bigint {
  return BigInt.asIntN(32, a);
}
