// Tier 2's loads and stores on memory 0 (translate.ts): bytes accessed, and
// the statement at effective address `a` (the view `dv` in scope, bounds
// already checked), with translate.ts' holes: $r$ (and $rh$) the loaded
// value, $1$ (and $1h$) the stored one. An f32 is its bits, so it moves as an
// i32 does, every NaN bit kept; an i64 is two int32 words (pairs.ts), and a
// narrow i64 store writes its low word's low bytes.

type Bytes = 1 | 2 | 4;

/**
 * `dv.get…(a…)` or `dv.set…(a, value…)` of an integer of `bytes` bytes,
 * little-endian beyond one byte. A 32-bit word is always an Int32: the form
 * an int32 slot (or an i64's word) holds, whatever the load's signedness.
 */
function int(bytes: Bytes, signed: boolean, value?: string): string {
  const view = `${signed || bytes === 4 ? 'Int' : 'Uint'}${bytes * 8}`;
  const args = ['a', ...(value === undefined ? [] : [value]), ...(bytes > 1 ? ['true'] : [])].join(', ');
  return `dv.${value === undefined ? 'get' : 'set'}${view}(${args})`;
}

/** The narrow loads of `type`, `<type>.load<bits>_<s|u>`, each followed by `high(signed)`: an i64's high word. */
function narrowLoads(type: string, sizes: Bytes[], high: (signed: boolean) => string): Record<string, readonly [number, string]> {
  const sign = [true, false] as const;
  return Object.fromEntries(
    sizes.flatMap((b) => sign.map((s) => [`${type}.load${b * 8}_${s ? 's' : 'u'}`, [b, `$r$ = ${int(b, s)};${high(s)}`] as const])),
  );
}

/** The narrow stores of `type`, `<type>.store<bits>`: the low bytes of the (low) word. */
function narrowStores(type: string, sizes: Bytes[]): Record<string, readonly [number, string]> {
  return Object.fromEntries(sizes.map((b) => [`${type}.store${b * 8}`, [b, `${int(b, true, '$1$')};`] as const]));
}

export const LOADS: Readonly<Record<string, readonly [number, string]>> = {
  'i32.load': [4, `$r$ = ${int(4, true)};`],
  'f32.load': [4, `$r$ = ${int(4, true)};`],
  'i64.load': [8, '$r$ = dv.getInt32(a, true); $rh$ = dv.getInt32(a + 4, true);'],
  'f64.load': [8, '$r$ = dv.getFloat64(a, true);'],
  ...narrowLoads('i32', [1, 2], () => ''),
  ...narrowLoads('i64', [1, 2, 4], (signed) => ` $rh$ = ${signed ? '$r$ >> 31' : '0'};`),
};

export const STORES: Readonly<Record<string, readonly [number, string]>> = {
  'i32.store': [4, `${int(4, true, '$1$')};`],
  'f32.store': [4, `${int(4, true, '$1$')};`],
  'i64.store': [8, 'dv.setInt32(a, $1$, true); dv.setInt32(a + 4, $1h$, true);'],
  'f64.store': [8, 'dv.setFloat64(a, $1$, true);'],
  ...narrowStores('i32', [1, 2]),
  ...narrowStores('i64', [1, 2, 4]),
};
