// Durations as the command line takes them: `90s`, `10m`, `1h`, `1500ms`, or bare milliseconds.
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or undefined when `text` is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (m === null) return undefined;
  const ms = Number(m[1]) * UNITS[m[2] ?? 'ms']!;
  return ms > 0 ? ms : undefined;
}
