// The differential spec run as text: a totals table per runtime, then the
// findings this run saw (new ones first), and as JSON: the document issue 6
// specifies (files, totals), plus the findings and the run id.
import type { SuiteResult, Tally } from './run-suite.js';

export function printSuiteText(r: SuiteResult, versions: Record<string, string>, write: (s: string) => void): void {
  const rows = Object.entries(r.totals).map(([id, t]) => {
    const c = r.cost[id];
    return [id, versions[id] ?? '', String(t.passed), String(t.failed), String(t.unsupported), String(t.superseded), rate(t), c ? `${c.seconds.toFixed(1)} s` : '', c ? String(c.processes) : ''];
  });
  write(table(['runtime', 'version', 'passed', 'failed', 'unsupported', 'superseded', 'pass rate', 'time', 'processes'], rows));
  const causes = r.findings.filter((f) => !f.note);
  const fresh = causes.filter((f) => f.isNew || f.reopened);
  const notes = r.findings.length - causes.length;
  write(`findings: ${causes.length} cause(s) seen in this run, ${fresh.length} new or re-opened; ${notes} note(s)${r.runId !== undefined ? ` (run ${r.runId})` : ''}\n`);
  const shown = [...fresh, ...r.findings.filter((f) => !fresh.includes(f))].slice(0, 25);
  for (const f of shown)
    write(`  #${f.id} ${f.isNew ? 'NEW ' : f.reopened ? 'REOPENED ' : ''}${f.note ? 'note ' : ''}${f.kind} (${f.occurrences} sighting${f.occurrences === 1 ? '' : 's'} here, ${f.count} in all): ${f.summary}\n`);
  if (r.findings.length > shown.length) write(`  ... ${r.findings.length - shown.length} more: wasmdiff findings\n`);
  write(`time: ${r.seconds.toFixed(1)} s\n`);
}

export function suiteJson(r: SuiteResult): unknown {
  return {
    files: r.files.map((f) => ({ file: f.file, runtime: f.runtime, passed: f.passed, failed: f.failed, unsupported: f.unsupported, superseded: f.superseded, reasons: f.reasons })),
    totals: r.totals,
    cost: r.cost,
    findings: r.findings,
    oracleErrors: r.oracleErrors,
    runId: r.runId ?? null,
    seconds: Number(r.seconds.toFixed(2)),
  };
}

function rate(t: Tally): string {
  const judged = t.passed + t.failed;
  return judged === 0 ? '-' : `${((100 * t.passed) / judged).toFixed(1)}%`;
}

/** Left-aligned text columns. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}
