// The known-findings baseline: a JSON file checked into the user's
// repository, `{ "findings": [ { "signature": "...", "reason": "..." } ] }`.
// A finding listed there is still reported, as "known (baseline: reason)",
// but does not fail the run. The reason is required: a baseline entry
// without one is how real bugs get silently ignored.
import { existsSync } from 'node:fs';
import { readText } from '../io/files.js';
import { UserError } from '../../adapters/project.js';

export const DEFAULT_BASELINE = 'wasmdiff-baseline.json';

export interface Baseline {
  /** The file it came from, or undefined when there is none. */
  path: string | undefined;
  /** signature -> reason */
  reasons: Map<string, string>;
}

export const EMPTY_BASELINE: Baseline = { path: undefined, reasons: new Map() };

/**
 * The baseline at `path`. Without a path, `wasmdiff-baseline.json` in the
 * working folder if it exists, else an empty baseline; a path the user named
 * must exist.
 */
export function loadBaseline(path?: string): Baseline {
  const file = path ?? DEFAULT_BASELINE;
  if (path === undefined && !existsSync(file)) return EMPTY_BASELINE;
  const text = readText(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message}); a baseline is { "findings": [ { "signature": "...", "reason": "..." } ] }`);
  }
  return { path: file, reasons: parseEntries(file, doc) };
}

function parseEntries(file: string, doc: unknown): Map<string, string> {
  const findings = (doc as { findings?: unknown } | null)?.findings;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(findings))
    throw new UserError(`${file}: expected an object with a "findings" array, e.g. { "findings": [ { "signature": "...", "reason": "..." } ] }`);
  const reasons = new Map<string, string>();
  findings.forEach((entry: unknown, i) => {
    const e = entry as { signature?: unknown; reason?: unknown } | null;
    const where = `${file}: findings[${i}]`;
    if (typeof e !== 'object' || e === null) throw new UserError(`${where} is not an object; give it a "signature" and a "reason"`);
    if (typeof e.signature !== 'string' || e.signature.trim() === '')
      throw new UserError(`${where} has no "signature" string; copy it from \`wasmdiff findings\` or the report`);
    if (typeof e.reason !== 'string' || e.reason.trim() === '')
      throw new UserError(`${where} (${e.signature}) has no "reason": say why this finding is known and not a bug to fix now`);
    if (reasons.has(e.signature)) throw new UserError(`${where} repeats signature ${e.signature}; list each finding once`);
    reasons.set(e.signature, e.reason.trim());
  });
  return reasons;
}

/** The baseline's reason for a finding, or undefined when the baseline does not list it. */
export function baselineReason(b: Baseline, signature: string): string | undefined {
  return b.reasons.get(signature);
}
