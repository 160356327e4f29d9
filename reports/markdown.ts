// The Markdown summary of a run, for a CI job summary ($GITHUB_STEP_SUMMARY)
// or a pull-request comment: runtimes with exact versions, spec totals per
// runtime, the new findings (the first N, with kind, runtimes and summary),
// the ones fixed, and the performance headline. Everything from data is
// escaped so a summary cannot break the table or inject links or HTML.
import type { FindingInfo, ReportData } from './data.js';
import { summarisePerformance } from './performance.js';
import { formatRatio } from './html/format.js';

export interface MarkdownOptions {
  /** New findings listed in full (default 20). */
  topNew?: number;
  /** A line under the title, e.g. the budget and the shard. */
  subtitle?: string;
}

/** Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML or link syntax. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

export function renderMarkdown(data: ReportData, o: MarkdownOptions = {}): string {
  // baseline findings are shown as known but are still open in the store
  const open = data.findings.filter((f) => (f.status === 'open' || f.baseline !== undefined) && f.note !== true);
  const fresh = open.filter((f) => (f.isNew || f.reopened === true) && f.baseline === undefined);
  const notes = data.findings.filter((f) => f.status === 'open' && f.note === true);
  const failedStages = (data.stages ?? []).filter((s) => s.status === 'failed');
  const lines = [
    `## wasmdiff: ${failedStages.length > 0 ? `${failedStages.length} stage${failedStages.length === 1 ? '' : 's'} FAILED, ` : ''}${fresh.length === 0 ? 'no new findings' : `${fresh.length} new finding${fresh.length === 1 ? '' : 's'}`}`,
    '',
    ...stagesTable(data),
    ...(o.subtitle ? [escapeMarkdown(o.subtitle), ''] : []),
    `${open.length} open (${open.filter((f) => f.baseline !== undefined).length} of them in the baseline), ${data.findings.filter((f) => f.status === 'fixed').length} fixed, ${notes.length} note${notes.length === 1 ? '' : 's'} (reported, failing nothing), ${data.findings.length} in all. Database ${escapeMarkdown(data.source)}.`,
    '',
    ...runtimesTable(data),
    ...newFindings(fresh, o.topNew ?? 20),
    ...fixedFindings(data.findings.filter((f) => f.fixedNow)),
    ...performanceHeadline(data),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Every stage of the nightly, a failed one with why: a night that did not finish is never shown as a quiet one. */
function stagesTable(data: ReportData): string[] {
  const stages = data.stages ?? [];
  if (stages.length === 0) return [];
  const rows = stages.map((s) => `| ${escapeMarkdown(s.stage)} | ${s.status === 'failed' ? '**FAILED**' : escapeMarkdown(s.status)} | ${s.seconds.toFixed(0)} s | ${escapeMarkdown(s.note)} |`);
  return ['### Stages', '', '| stage | status | time | note |', '| --- | --- | ---: | --- |', ...rows, ''];
}

function runtimesTable(data: ReportData): string[] {
  const names = [...new Set([...data.runtimes.map((r) => r.name), ...(data.matrix?.runtimes ?? [])])].sort();
  if (names.length === 0) return [];
  const rows = names.map((name) => {
    const versions = data.runtimes.filter((r) => r.name === name).map((r) => r.version);
    const cells = (data.matrix?.rows ?? []).map((row) => row.cells[name]).filter((c) => c !== undefined);
    const sum = (k: 'passed' | 'failed' | 'unsupported') => cells.reduce((n, c) => n + c[k], 0);
    const spec = data.matrix?.runtimes.includes(name) ? [sum('passed'), sum('failed'), sum('unsupported')].join(' | ') : '— | — | —';
    const findings = data.findings.filter((f) => (f.status === 'open' || f.baseline !== undefined) && f.runtimes.includes(name));
    return `| ${escapeMarkdown(name)} | ${escapeMarkdown(versions.join(', '))} | ${spec} | ${findings.length} | ${findings.filter((f) => f.isNew && f.baseline === undefined).length} |`;
  });
  return ['### Runtimes', '', '| runtime | version | spec passed | spec failed | unsupported | open findings | new |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |', ...rows, ''];
}

function newFindings(fresh: FindingInfo[], top: number): string[] {
  if (fresh.length === 0) return [];
  const rows = fresh.slice(0, top).map((f) => `| #${f.id}${f.reopened ? ' (re-opened)' : ''} | ${escapeMarkdown(f.kind)} | ${escapeMarkdown(f.runtimes.join(', '))} | ${escapeMarkdown(f.summary)} |`);
  const more = fresh.length > top ? [`\n… and ${fresh.length - top} more in the HTML report.`] : [];
  return ['### New findings', '', '| id | kind | runtimes | summary |', '| --- | --- | --- | --- |', ...rows, ...more, ''];
}

function fixedFindings(fixed: FindingInfo[]): string[] {
  if (fixed.length === 0) return [];
  const rows = fixed.map((f) => `- #${f.id} ${escapeMarkdown(f.kind)} (${escapeMarkdown(f.runtimes.join(', '))}): fixed in ${escapeMarkdown(Object.entries(f.fixedIn ?? {}).map(([r, v]) => `${r} ${v}`).join(', '))}`);
  return ['### Fixed', '', ...rows, ''];
}

function performanceHeadline(data: ReportData): string[] {
  if (data.performance === undefined || data.performance.samples.length === 0) return [];
  const s = summarisePerformance(data.performance.samples);
  const ranked = Object.entries(s.geomean).sort(([, a], [, b]) => a - b);
  const rows = ranked.map(([runtime, g]) => `| ${escapeMarkdown(runtime)} | ${formatRatio(g)} |`);
  return [
    '### Performance',
    '',
    `${s.programs.length} program(s); geometric mean of the time relative to the fastest runtime on each program (1.00× = fastest), run #${data.performance.runId}.`,
    '',
    '| runtime | ratio to fastest |',
    '| --- | ---: |',
    ...rows,
    '',
  ];
}
