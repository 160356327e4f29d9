// The first section: where the data comes from, and one row per runtime
// with its failures and open findings, so a maintainer sees at a glance
// whether their runtime has anything to look at and jumps to it.
import type { ReportData } from '../data.js';
import { escapeHtml } from './escape.js';
import { formatTime, plural } from './format.js';
import type { Section } from './section.js';

export function renderSummary(data: ReportData): Section {
  const html = [header(data), isEmpty(data) ? nothingYet() : runtimeTable(data)].join('\n');
  return { id: 'summary', title: 'Summary', html };
}

export function isEmpty(data: ReportData): boolean {
  return data.runs.length === 0 && data.matrix === undefined && data.findings.length === 0 && data.performance === undefined;
}

function header(data: ReportData): string {
  const latest = data.runs[0];
  const run = latest
    ? `latest run #${latest.id} (${escapeHtml(latest.command)}) started ${escapeHtml(formatTime(latest.startedAt))}, ${plural(data.runs.length, 'run')} stored`
    : 'no runs stored';
  return `<p class="meta">Database <code>${escapeHtml(data.source)}</code> · ${run} · generated ${escapeHtml(formatTime(data.generatedAt))} UTC</p>`;
}

function nothingYet(): string {
  return `<p class="empty">Nothing stored yet. Run <code>wasmdiff spec --runtimes all PATH</code> (conformance and findings) or <code>wasmdiff bench</code> (performance) with the same <code>--db</code>, then make the report again.</p>`;
}

interface RuntimeLine {
  name: string;
  engine: string;
  version: string;
  failingFiles: number;
  failedAssertions: number;
  unsupportedFiles: number;
  openFindings: number;
  newFindings: number;
}

function runtimeLines(data: ReportData): RuntimeLine[] {
  const names = new Set<string>([...data.runtimes.map((r) => r.name), ...(data.matrix?.runtimes ?? []), ...data.findings.flatMap((f) => f.runtimes)]);
  return [...names].sort().map((name) => {
    const versions = data.runtimes.filter((r) => r.name === name);
    const cells = (data.matrix?.rows ?? []).map((row) => row.cells[name]).filter((c) => c !== undefined);
    const open = data.findings.filter((f) => f.status === 'open' && f.runtimes.includes(name));
    return {
      name,
      engine: versions[0]?.engine ?? '',
      version: versions.map((r) => r.version).join(', '),
      failingFiles: cells.filter((c) => c.failed > 0).length,
      failedAssertions: cells.reduce((n, c) => n + c.failed, 0),
      unsupportedFiles: cells.filter((c) => c.unsupported > 0 && c.passed === 0 && c.failed === 0).length,
      openFindings: open.length,
      newFindings: open.filter((f) => f.isNew).length,
    };
  });
}

function runtimeTable(data: ReportData): string {
  const lines = runtimeLines(data);
  if (lines.length === 0) return '<p class="empty">No runtimes recorded.</p>';
  const rows = lines.map((l) => {
    const bad = l.failedAssertions > 0 || l.openFindings > 0;
    return `<tr class="${bad ? 'has-failures' : 'clean'}" data-runtime="${escapeHtml(l.name)}">
<th scope="row"><button type="button" class="focus-runtime" data-runtime="${escapeHtml(l.name)}" title="show only this runtime">${escapeHtml(l.name)}</button></th>
<td>${escapeHtml(l.engine)}</td><td><code>${escapeHtml(l.version)}</code></td>
<td class="num${l.failingFiles ? ' bad' : ''}">${l.failingFiles}</td>
<td class="num${l.failedAssertions ? ' bad' : ''}">${l.failedAssertions}</td>
<td class="num">${l.unsupportedFiles}</td>
<td class="num${l.openFindings ? ' bad' : ''}">${l.openFindings}${l.newFindings ? ` <span class="badge new">${l.newFindings} new</span>` : ''}</td>
</tr>`;
  });
  return `<table class="runtimes">
<thead><tr><th scope="col">runtime</th><th scope="col">engine</th><th scope="col">version</th><th scope="col">spec files failing</th><th scope="col">assertions failed</th><th scope="col">files unsupported</th><th scope="col">open findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}
