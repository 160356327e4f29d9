// i8x16.narrow_i16x8_s/u and i16x8.narrow_i32x4_s/u (spec 4.4.3, vnarrow):
// the signed lanes of both operands, saturated to the half width (signed or
// unsigned), the first operand's lanes in the low half of the result.
import { A, B, R, type V128 } from './bytes.js';
import { satS, satU } from './saturate.js';

export function narrow(resultWidth: 8 | 16, signed: boolean): (a: V128, b: V128) => V128 {
  const sourceWidth = resultWidth === 8 ? 16 : 32;
  const sat = signed ? satS : satU;
  const out = R.signed(resultWidth);
  const x = A.signed(sourceWidth);
  const y = B.signed(sourceWidth);
  const n = x.length;
  return (a, b) => {
    A.load(a);
    B.load(b);
    for (let i = 0; i < n; i++) {
      out[i] = sat(resultWidth, x[i]!);
      out[n + i] = sat(resultWidth, y[i]!);
    }
    return R.result();
  };
}
