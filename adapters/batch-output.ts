// A process that ran several drivers in order (CliDialectSpec.batchCommand)
// writes `BATCH_MARKER <k>` on a line of its own before starting driver k.
// Cut at those lines, its output is one process result per driver that
// started: every one but the last ended normally (the next one started), and
// the last ended as the process did, with its stderr. The drivers after a
// trap never started and are left out.
import type { ProcessResult } from './process.js';

export const BATCH_MARKER = '\x1dwasmdiff-batch';

export function splitBatch(r: ProcessResult, count: number): ProcessResult[] {
  const parts: { k: number; start: number; end: number }[] = [];
  const marker = new RegExp(`${BATCH_MARKER} (\\d+)\\n`, 'g');
  for (let m = marker.exec(r.stdout); m !== null; m = marker.exec(r.stdout)) {
    const last = parts.at(-1);
    if (last !== undefined) last.end = m.index;
    parts.push({ k: Number(m[1]), start: m.index + m[0].length, end: r.stdout.length });
  }
  // markers out of order or out of range: the output is not the batch's, trust none of it
  if (parts.some((p, i) => p.k !== i || p.k >= count)) return [];
  return parts.map((p, i) => {
    const stdout = r.stdout.slice(p.start, p.end);
    const durationMs = r.durationMs / parts.length;
    return i < parts.length - 1 ? { exitCode: 0, timedOut: false, truncated: false, stdout, stderr: '', durationMs } : { ...r, stdout, durationMs };
  });
}
