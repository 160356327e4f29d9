// Chunked deletion in the manner of ddmin (Zeller and Hildebrandt): try to
// remove the whole list, then halves, quarters, ... down to `smallest` items
// at a time, keeping every removal the test accepts. One sweep per chunk
// size; the minimiser repeats its passes to a fixed point, which finishes
// what a single sweep leaves.

/**
 * Returns the items kept. `tryKeep` builds the candidate with only `kept`,
 * asks about it and answers whether it was accepted (it records the step);
 * `stop` ends the search early (the budget is spent).
 */
export async function chunkedDeletion<T>(
  items: readonly T[],
  tryKeep: (kept: T[], removed: T[]) => Promise<boolean>,
  options: { minKeep?: number; smallest?: number; stop?: () => boolean } = {},
): Promise<T[]> {
  const minKeep = options.minKeep ?? 0;
  const smallest = options.smallest ?? 1;
  let kept = [...items];
  let chunk = Math.max(kept.length - minKeep, 0);
  while (chunk >= smallest && kept.length > minKeep) {
    for (let start = 0; start < kept.length; ) {
      if (options.stop?.()) return kept;
      const removed = kept.slice(start, start + chunk);
      const candidate = [...kept.slice(0, start), ...kept.slice(start + chunk)];
      if (candidate.length >= minKeep && (await tryKeep(candidate, removed))) kept = candidate;
      else start += chunk;
    }
    if (chunk === smallest) break;
    chunk = Math.max(smallest, Math.floor(chunk / 2));
  }
  return kept;
}
