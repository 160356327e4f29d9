// Saturation of an exact integer into a lane width (spec 4.3.2, sat_s / sat_u).

const MIN_S: Record<number, number> = { 8: -0x80, 16: -0x8000, 32: -0x8000_0000 };
const MAX_S: Record<number, number> = { 8: 0x7f, 16: 0x7fff, 32: 0x7fff_ffff };
const MAX_U: Record<number, number> = { 8: 0xff, 16: 0xffff, 32: 0xffff_ffff };

export function satS(width: number, x: number): number {
  const max = MAX_S[width]!;
  const min = MIN_S[width]!;
  return x > max ? max : x < min ? min : x;
}

export function satU(width: number, x: number): number {
  const max = MAX_U[width]!;
  return x > max ? max : x < 0 ? 0 : x;
}
