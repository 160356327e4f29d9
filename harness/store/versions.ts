// Comparing engine version strings ("25.0.1", "v20.11.1", "wasm3 v0.5.0")
// by their numbers, which is all that deciding "is this build at least the
// one the fix landed in" needs.

/**
 * Whether `seen` is the same version as `fixed` or a later one; undefined
 * when the strings carry no numbers to compare and differ.
 */
export function atLeastVersion(seen: string, fixed: string): boolean | undefined {
  const a = numbersOf(seen);
  const b = numbersOf(fixed);
  if (a.length === 0 || b.length === 0) return seen === fixed ? true : undefined;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function numbersOf(version: string): number[] {
  return (version.match(/\d+/g) ?? []).map(Number);
}
