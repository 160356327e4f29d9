// A v128 as unsigned lanes of a given width, as BigInts (little-endian), and
// back: the lane view the tests' independent models compute in.

/** Unsigned lane bits of a v128, little-endian. */
export function lanesOf(v: Uint8Array, bits: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < 128 / bits; i++) {
    let x = 0n;
    for (let b = bits / 8 - 1; b >= 0; b--) x = (x << 8n) | BigInt(v[(i * bits) / 8 + b]!);
    out.push(x);
  }
  return out;
}

/** A v128 from lanes of `bits` (each wrapped to its width). */
export function fromLanes(lanes: bigint[], bits: number): Uint8Array {
  const r = new Uint8Array(16);
  lanes.forEach((x, i) => {
    let y = BigInt.asUintN(bits, x);
    for (let b = 0; b < bits / 8; b++, y >>= 8n) r[(i * bits) / 8 + b] = Number(y & 0xffn);
  });
  return r;
}
