// The findings as causes: grouped by severity (crashes, wrong results and
// missing traps first; verdict disagreements, performance and notes last),
// then by runtime family; open ones first within a group. Each cause
// expands to what it is (family, members and versions, culprit, operand
// class), its representative sightings, expected vs actual, its WAT, the
// issue text to file upstream (Markdown), and the command per runtime. The
// conformance matrix links each failed cell to its causes (#cause-ID).
import type { FindingInfo, ReportData } from '../data.js';
import { SEVERITY_NAMES, severity } from '../../harness/findings/contract.js';
import { escapeHtml } from './escape.js';
import { formatBlock, formatTime, formatValue } from './format.js';
import type { Section } from './section.js';

const STATUS_ORDER: Record<string, number> = { open: 0, known: 1, fixed: 2 };

export function renderFindings(data: ReportData): Section {
  const title = 'Findings';
  if (data.findings.length === 0) {
    return { id: 'findings', title, html: '<p class="empty">No findings stored yet.</p>' };
  }
  const findings = [...data.findings].sort(
    (a, b) =>
      severity(a.kind) - severity(b.kind) ||
      (a.family ?? a.runtimes[0] ?? '').localeCompare(b.family ?? b.runtimes[0] ?? '') ||
      (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3) ||
      Number(b.isNew) - Number(a.isNew) ||
      b.count - a.count ||
      a.id - b.id,
  );
  const statuses = [...new Set(findings.map((f) => f.status))].sort();
  const statusOptions = statuses.map((s) => `<option value="${escapeHtml(s)}"${s === 'open' ? ' selected' : ''}>${escapeHtml(s)}</option>`);
  const html = `<div class="controls"><label>status <select id="findings-status"><option value="">all</option>${statusOptions.join('')}</select></label>
<span class="meta" id="findings-shown"></span></div>
<div class="scroll-x"><table class="findings" id="findings-table">
<thead><tr><th scope="col">id</th><th scope="col">kind</th><th scope="col">runtimes</th><th scope="col" class="num">sightings</th><th scope="col">first seen</th><th scope="col">last seen</th><th scope="col">status</th><th scope="col">cause</th></tr></thead>
${grouped(findings)}
</table></div>`;
  return { id: 'findings', title, html };
}

/** A heading per severity and family, then the causes under it. */
function grouped(findings: FindingInfo[]): string {
  const out: string[] = [];
  let last = '';
  for (const f of findings) {
    const group = `${SEVERITY_NAMES[Math.min(severity(f.kind), SEVERITY_NAMES.length - 1)]} · ${f.family ?? f.runtimes[0] ?? ''}`;
    if (group !== last) out.push(`<tbody class="group"><tr><th colspan="8" scope="rowgroup">${escapeHtml(group)}</th></tr></tbody>`);
    last = group;
    out.push(findingRows(f));
  }
  return out.join('\n');
}

/** What the cause is, in one line: the culprit and the operand class. */
function causeLine(f: FindingInfo): string {
  if (f.culprit === undefined) return escapeHtml(f.summary);
  const operands = f.operandClass && f.operandClass !== 'module' && f.operandClass !== 'ordinary' ? ` <span class="meta">(${escapeHtml(f.operandClass)} operands)</span>` : '';
  return `<code>${escapeHtml(f.culprit)}</code>${operands}`;
}

/** A tbody per finding: its row, and the detail row the row's button shows. */
function findingRows(f: FindingInfo): string {
  const detailId = `finding-${f.id}-detail`;
  const runtimes = f.runtimes.map((r) => `<span class="rt-tag">${escapeHtml(r)}</span>`).join(' ');
  const badge = f.isNew ? ' <span class="badge new">new</span>' : f.reopened ? ' <span class="badge new">re-opened</span>' : f.note ? ' <span class="badge">note</span>' : '';
  return `<tbody class="finding" id="cause-${f.id}" data-status="${escapeHtml(f.status)}" data-severity="${severity(f.kind)}" data-runtimes="${escapeHtml(JSON.stringify(f.runtimes))}">
<tr class="finding-row">
<td><button type="button" class="expand" aria-expanded="false" aria-controls="${detailId}">#${f.id}</button>${badge}</td>
<td class="kind"><code>${escapeHtml(f.kind)}</code></td><td class="rts">${runtimes}</td><td class="num">${f.count}</td>
<td class="when">${escapeHtml(formatTime(f.firstSeen))}</td><td class="when">${escapeHtml(formatTime(f.lastSeen))}</td>
<td><span class="status ${f.status === 'open' || f.status === 'fixed' || f.status === 'known' ? f.status : ''}">${escapeHtml(f.status)}</span></td>
<td class="summary">${causeLine(f)}</td>
</tr>
<tr class="finding-detail" id="${detailId}" hidden><td colspan="8">${findingDetail(f)}</td></tr>
</tbody>`;
}

function findingDetail(f: FindingInfo): string {
  const parts = [`<p class="summary-line">${escapeHtml(f.summary)}</p>`, members(f), sightings(f), comparison(f)];
  const notes = notesOf(f.details, f.runtimes);
  if (notes.length > 0) parts.push(`<dl class="notes">${notes.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`);
  if (f.fixedIn) parts.push(`<p>Fixed in: ${Object.entries(f.fixedIn).map(([r, v]) => `${escapeHtml(r)} <code>${escapeHtml(v)}</code>`).join(', ')}</p>`);
  parts.push(`<h4>Minimal module (WAT)</h4>${f.wat ? `<pre class="wat">${escapeHtml(f.wat)}</pre>` : '<p class="empty">no WAT stored</p>'}`);
  if (f.markdown) parts.push(`<details class="issue"><summary>Issue to file upstream (Markdown)</summary><pre class="markdown">${escapeHtml(f.markdown)}</pre></details>`);
  const repro = Object.entries(f.repro);
  parts.push(
    `<h4>Reproduce</h4>${repro.length ? repro.map(([r, cmd]) => `<div class="repro"><span class="rt-tag">${escapeHtml(r)}</span><pre>${escapeHtml(cmd)}</pre></div>`).join('') : '<p class="empty">no command stored</p>'}`,
  );
  return `<div class="detail">${parts.join('\n')}</div>`;
}

/** The family's members that showed the cause, with the versions they showed it on. */
function members(f: FindingInfo): string {
  const m = Object.entries(f.members ?? {});
  if (m.length === 0) return '';
  const items = m.map(([rt, v]) => `<li><span class="rt-tag">${escapeHtml(rt)}</span> ${escapeHtml(v.first === v.last ? v.last : `${v.first} … ${v.last}`)} (${v.count} sighting${v.count === 1 ? '' : 's'})</li>`);
  return `<h4>Members of ${escapeHtml(f.family ?? 'the family')}</h4><ul class="members">${items.join('')}</ul>`;
}

/** The representative sightings, smallest module first, and how many in all. */
function sightings(f: FindingInfo): string {
  const ex = f.examples ?? [];
  if (ex.length === 0) return '';
  const rows = ex.map((e) => `<li><span class="rt-tag">${escapeHtml(e.runtime)}</span> ${escapeHtml(e.source)} <code>${escapeHtml(e.origin)}</code> · ${e.size} bytes · seen ${e.count}×</li>`);
  return `<h4>Sightings: ${f.count} in all; the smallest ${ex.length}</h4><ul class="sightings">${rows.join('')}</ul>`;
}

/** Rows of runtime / expected / actual, from whichever of the recorded shapes `details` has. */
export function expectedVsActual(details: unknown, runtimes: string[]): { runtime: string; expected: unknown; actual: unknown }[] {
  if (!isRecord(details)) return [];
  const perRuntime = isRecord(details.runtimes) ? details.runtimes : isRecord(details.perRuntime) ? details.perRuntime : undefined;
  if (perRuntime) {
    return Object.entries(perRuntime).map(([runtime, v]) =>
      isRecord(v) ? { runtime, expected: v.expected ?? details.expected, actual: v.actual ?? v.outcome } : { runtime, expected: details.expected, actual: v },
    );
  }
  if (isRecord(details.actual)) {
    return Object.entries(details.actual).map(([runtime, actual]) => ({ runtime, expected: details.expected, actual }));
  }
  if ('expected' in details || 'actual' in details) {
    return runtimes.map((runtime) => ({ runtime, expected: details.expected, actual: details.actual }));
  }
  return runtimes.flatMap((runtime) => {
    const v = details[runtime];
    return isRecord(v) ? [{ runtime, expected: v.expected, actual: v.actual ?? v.outcome }] : [];
  });
}

function comparison(f: FindingInfo): string {
  const rows = expectedVsActual(f.details, f.runtimes);
  if (rows.length === 0) {
    return f.details === null || f.details === undefined ? '' : `<h4>Details</h4><pre>${escapeHtml(formatBlock(f.details))}</pre>`;
  }
  const body = rows.map(
    (r) => `<tr><th scope="row">${escapeHtml(r.runtime)}</th><td><code>${escapeHtml(formatValue(r.expected))}</code></td><td class="bad"><code>${escapeHtml(formatValue(r.actual))}</code></td></tr>`,
  );
  return `<h4>Expected vs actual</h4><table class="compare"><thead><tr><th scope="col">runtime</th><th scope="col">expected (oracle)</th><th scope="col">actual</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const COMPARED_KEYS = new Set(['expected', 'actual', 'runtimes', 'perRuntime']);

/**
 * The rest of `details` (reason, spec section, invocation...) as key/value
 * lines; only when the comparison table shows the rest (otherwise the whole
 * of `details` is printed as it is).
 */
function notesOf(details: unknown, runtimes: string[]): [string, string][] {
  if (!isRecord(details) || expectedVsActual(details, runtimes).length === 0) return [];
  return Object.entries(details)
    .filter(([k]) => !COMPARED_KEYS.has(k) && !runtimes.includes(k))
    .map(([k, v]) => [k, formatValue(v)]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
