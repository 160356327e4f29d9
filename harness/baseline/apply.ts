// The baseline applied to what a report shows: an open finding it lists is
// shown with status `known` and "known (baseline: reason)" before its
// summary, and carries the reason in `baseline`, so the Markdown summary
// counts it apart and the JUnit file marks it skipped. The store is not
// changed: removing an entry from the baseline makes the finding count again.
import type { FindingInfo, ReportData } from '../../reports/data.js';
import { baselineReason, type Baseline } from './baseline.js';
import { isNote } from '../findings/contract.js';

export function applyBaseline(data: ReportData, b: Baseline): ReportData {
  return { ...data, findings: data.findings.map((f) => known(f, b)) };
}

function known(f: FindingInfo, b: Baseline): FindingInfo {
  const reason = f.status === 'open' && f.signature !== undefined ? baselineReason(b, f.signature) : undefined;
  if (reason === undefined) return f;
  return { ...f, status: 'known', baseline: reason, summary: `known (baseline: ${reason}): ${f.summary}` };
}

/** Open findings that fail a run: new in it (or re-opened by it), not notes, and not in the baseline. */
export function failingNew(data: ReportData): FindingInfo[] {
  return data.findings.filter((f) => f.status === 'open' && (f.isNew || f.reopened === true) && f.note !== true && !isNote(f.kind) && f.baseline === undefined);
}
