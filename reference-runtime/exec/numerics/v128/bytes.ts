// The v128 value and typed views of its lanes. A v128 is 16 bytes with
// little-endian lanes. Operands are copied into fixed scratch slots whose
// typed views exist once, and results are built in a result slot and copied
// out: creating typed-array views per call would cost more than the lane work.
// All numerics run synchronously and never re-enter, so sharing slots is safe.
// The views rely on a little-endian host (checked once at load: every platform
// Node supports is, but a silent byte swap would corrupt every lane).

export type V128 = Uint8Array;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('wasmdiff v128 numerics need a little-endian host');
}

/** 16 bytes seen through every lane view. */
export class Slot {
  readonly u8 = new Uint8Array(16);
  readonly s8 = new Int8Array(this.u8.buffer);
  readonly s16 = new Int16Array(this.u8.buffer);
  readonly u16 = new Uint16Array(this.u8.buffer);
  readonly s32 = new Int32Array(this.u8.buffer);
  readonly u32 = new Uint32Array(this.u8.buffer);
  readonly s64 = new BigInt64Array(this.u8.buffer);
  readonly u64 = new BigUint64Array(this.u8.buffer);
  /** f64 lanes as doubles; f32 lanes are handled as their bits (`s32`), never as floats. */
  readonly f64 = new Float64Array(this.u8.buffer);

  /** Copies a v128 operand in (it may sit at any offset of a larger buffer). */
  load(v: V128): this {
    if (v.length !== 16) throw new RangeError(`v128 operand has ${v.length} bytes, not 16`);
    this.u8.set(v);
    return this;
  }

  clear(): this {
    this.u8.fill(0);
    return this;
  }

  /** A fresh v128 holding the slot's bytes. */
  result(): V128 {
    return this.u8.slice();
  }

  signed(width: 8 | 16 | 32): Int8Array | Int16Array | Int32Array {
    return width === 8 ? this.s8 : width === 16 ? this.s16 : this.s32;
  }

  unsigned(width: 8 | 16 | 32): Uint8Array | Uint16Array | Uint32Array {
    return width === 8 ? this.u8 : width === 16 ? this.u16 : this.u32;
  }

  lanes(width: 8 | 16 | 32, signed: boolean): Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array {
    return signed ? this.signed(width) : this.unsigned(width);
  }
}

/** Operand slots (first, second, third operand) and the result slot. */
export const A = new Slot();
export const B = new Slot();
export const C = new Slot();
export const R = new Slot();

/** The shape prefix of a vector mnemonic ("i8x16.add" -> "i8x16"). */
export function shapeOf(op: string): string {
  return op.slice(0, op.indexOf('.'));
}
