// Counts memory.grow / table.grow attempts that the spec lets fail or succeed
// (spec 4.4.7: "growmem may fail for reasons of resource exhaustion"), so an
// invocation can say its results depended on such a choice.
export const growth = { choices: 0 };

/**
 * The size after growing `old` by `delta` (a u32 or u64 operand), or -1 when
 * it cannot grow (spec 4.5.3.8 growtable, 4.5.3.9 growmem). Beyond the type's
 * maximum (or the spec's, for its address type) growth fails for certain;
 * within it but beyond `limit` (what this runtime allocates) it fails by a
 * choice the spec allows, which is counted. BigInt: a u64 delta is exact.
 */
export function grownSize(old: number, delta: number | bigint, max: number | undefined, specMax: bigint, limit: number): number {
  const next = BigInt(old) + BigInt(delta);
  if (next > specMax || (max !== undefined && next > BigInt(max))) return -1;
  growth.choices++;
  return next > BigInt(limit) ? -1 : Number(next);
}
