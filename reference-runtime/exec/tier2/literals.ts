// Constants in tier 2's source text (translate.ts).
import { scratchF64, scratchI64 } from '../numerics/scratch.js';

/**
 * An f64 constant from its bits as source text: exact for every number but
 * NaN (the shortest round-trip string, and -0); undefined for a NaN, whose
 * payload no literal gives.
 */
export function f64Literal(bits: bigint): string | undefined {
  scratchI64[0] = BigInt.asIntN(64, bits);
  const x = scratchF64[0]!;
  if (x !== x) return undefined;
  return Object.is(x, -0) ? '-0' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : String(x);
}
