// `v128.const shape lane*` (spec 6.5.8): the lanes of the shape, each an
// integer of the lane width (signed or unsigned) or a float, as 16
// little-endian bytes.
import type { Cursor } from './cursor.js';
import { isKnownKeyword } from './cursor.js';
import { parseF32, parseF64, parseIntN } from './numbers.js';

export type Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

const LANES: Record<Shape, { count: number; bytes: number }> = {
  i8x16: { count: 16, bytes: 1 },
  i16x8: { count: 8, bytes: 2 },
  i32x4: { count: 4, bytes: 4 },
  i64x2: { count: 2, bytes: 8 },
  f32x4: { count: 4, bytes: 4 },
  f64x2: { count: 2, bytes: 8 },
};

export function isShape(word: string): word is Shape {
  return word in LANES;
}

export function shape(c: Cursor): Shape {
  const t = c.peek();
  if (t.kind !== 'keyword' || !isShape(t.text)) throw c.unexpected();
  c.next();
  return t.text;
}

/** The bits of one lane literal of the shape, as an unsigned BigInt. */
export function laneBits(c: Cursor, s: Shape): bigint {
  const t = c.take('num');
  const width = LANES[s].bytes * 8;
  if (s === 'f32x4') return BigInt(c.literal(t, () => parseF32(t.text)));
  if (s === 'f64x2') return c.literal(t, () => parseF64(t.text));
  return BigInt.asUintN(width, c.literal(t, () => parseIntN(t.text, width)));
}

/** Writes lane values (unsigned bits) into 16 little-endian bytes. */
export function laneBytes(s: Shape, lanes: bigint[]): Uint8Array {
  const { bytes } = LANES[s];
  const out = new Uint8Array(16);
  lanes.forEach((v, i) => {
    for (let b = 0; b < bytes; b++) out[i * bytes + b] = Number((v >> BigInt(8 * b)) & 0xffn);
  });
  return out;
}

export function laneCount(s: Shape): number {
  return LANES[s].count;
}

/** The shape and lanes after `v128.const`. */
export function v128Const(c: Cursor): Uint8Array {
  const s = shape(c);
  // The count is checked before the values, as the spec interpreter's grammar does.
  const start = c.pos;
  let count = 0;
  while (c.is('num')) {
    c.next();
    count += 1;
  }
  if (count !== LANES[s].count) {
    const t = c.peek();
    if (t.kind === 'reserved' || (t.kind === 'keyword' && !isKnownKeyword(t.text))) throw c.unexpected();
    throw c.error('wrong number of lane literals', t);
  }
  c.pos = start;
  const lanes: bigint[] = [];
  for (let i = 0; i < count; i++) lanes.push(laneBits(c, s));
  return laneBytes(s, lanes);
}
