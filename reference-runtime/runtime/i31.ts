// Unboxed scalars (GC, spec 4.2.x "i31 references"; interpreter runtime/i31.ml):
// a 31-bit integer that is a reference in the any hierarchy. It is an object
// of its own class, not a JS number, so that any.convert_extern and
// extern.convert_any are identities: no host value (which may be a number)
// can ever be mistaken for one. Two i31 references are ref.eq when their
// values are equal, whatever their identity (see refEq).

export class I31Ref {
  /** the 31 bits, as an unsigned number 0 .. 2^31-1 */
  readonly bits: number;

  constructor(i32: number) {
    this.bits = i32 & 0x7fff_ffff;
  }

  /** i31.get_s: the 31 bits sign-extended */
  get signed(): number {
    return (this.bits << 1) >> 1;
  }
}

/** ref.eq (spec 4.4.x): the same object, two i31s of one value, or two nulls. */
export function refEq(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof I31Ref && b instanceof I31Ref && a.bits === b.bits);
}
