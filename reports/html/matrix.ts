// The conformance matrix: one row per testsuite file, one column per
// runtime, each cell coloured by its worst news (failures, then
// unsupported) with the counts; unsupported cells carry their reasons in
// the tooltip and in an expandable list.
import type { MatrixCell, MatrixData, ReportData } from '../data.js';
import { escapeHtml } from './escape.js';
import type { Section } from './section.js';

export type CellClass = 'fail' | 'pass' | 'partial' | 'unsupported' | 'missing';

/**
 * fail: any assertion failed; pass: everything ran and passed; partial:
 * passed, but some commands were unsupported; unsupported: nothing could
 * run; missing: the runtime has no result for the file.
 */
export function cellClass(cell: MatrixCell | undefined): CellClass {
  if (cell === undefined || cell.passed + cell.failed + cell.unsupported === 0) return 'missing';
  if (cell.failed > 0) return 'fail';
  if (cell.unsupported === 0) return 'pass';
  return cell.passed > 0 ? 'partial' : 'unsupported';
}

export function renderMatrix(data: ReportData): Section {
  const title = 'Spec conformance';
  if (data.matrix === undefined || data.matrix.rows.length === 0) {
    return { id: 'matrix', title, html: '<p class="empty">No spec conformance results yet: run <code>wasmdiff spec --runtimes all PATH</code> with this <code>--db</code> to fill this matrix.</p>' };
  }
  const m = data.matrix;
  const folder = commonFolder(m.rows.map((r) => r.file));
  const where = folder ? ` in <code>${escapeHtml(folder)}</code>` : '';
  const html = `<p class="meta">Run #${m.runId}: ${m.rows.length} files${where} × ${m.runtimes.length} runtimes. Counts are assertions: <span class="key fail">✗ failed</span> <span class="key pass">✓ passed</span> <span class="key partial">passed, some unsupported</span> <span class="key unsupported">⊘ unsupported</span> <span class="key missing">— no result</span>. Hover or open a cell for the reasons.</p>
<label class="toggle"><input type="checkbox" id="matrix-failures-only"> only files with failures</label>
<div class="scroll"><table class="matrix" id="matrix-table">
<thead>${headerRow(m)}${totalsRow(m)}</thead>
<tbody>
${m.rows.map((row) => bodyRow(row, m.runtimes, folder.length, causesOf(data))).join('\n')}
</tbody></table></div>`;
  return { id: 'matrix', title, html };
}

function headerRow(m: MatrixData): string {
  const cols = m.runtimes.map((r) => `<th scope="col" class="rt" data-runtime="${escapeHtml(r)}">${escapeHtml(r)}</th>`);
  return `<tr><th scope="col" class="file">file</th>${cols.join('')}</tr>`;
}

/** Per runtime: files with failures and total failed assertions, the first thing a maintainer reads. */
function totalsRow(m: MatrixData): string {
  const cols = m.runtimes.map((r) => {
    const cells = m.rows.map((row) => row.cells[r]).filter((c): c is MatrixCell => c !== undefined);
    const failingFiles = cells.filter((c) => c.failed > 0).length;
    const failed = cells.reduce((n, c) => n + c.failed, 0);
    const passed = cells.reduce((n, c) => n + c.passed, 0);
    const cls = failingFiles > 0 ? 'fail' : 'pass';
    return `<th class="total ${cls}" data-runtime="${escapeHtml(r)}">${failingFiles > 0 ? `✗ ${failed} in ${failingFiles} files` : '✓ no failures'}<small>${passed} passed</small></th>`;
  });
  return `<tr class="totals"><th scope="row" class="file">all files</th>${cols.join('')}</tr>`;
}

/** The folder all files share (with its trailing slash), said once above the table instead of on every row. */
export function commonFolder(files: string[]): string {
  if (files.length === 0) return '';
  let prefix = files[0]!.slice(0, files[0]!.lastIndexOf('/') + 1);
  for (const f of files) while (prefix && !f.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}

/** `file\0runtime` -> the ids of the causes with a spec sighting there. */
function causesOf(data: ReportData): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of data.findings)
    for (const e of f.examples ?? []) {
      if (e.source !== 'spec') continue;
      const key = `${e.origin.replace(/:\d+$/, '')}\0${e.runtime}`;
      const ids = out.get(key) ?? [];
      if (!ids.includes(f.id)) ids.push(f.id);
      out.set(key, ids);
    }
  return out;
}

function bodyRow(row: MatrixData['rows'][number], runtimes: string[], folderLength: number, causes: Map<string, number[]>): string {
  const classes = runtimes.map((r) => cellClass(row.cells[r]));
  const failing = runtimes.filter((_r, i) => classes[i] === 'fail');
  const cells = runtimes.map((r, i) => cellHtml(r, row.cells[r], classes[i]!, cls(classes[i]!) ? causes.get(`${row.file}\0${r}`) ?? [] : []));
  return `<tr data-failing="${escapeHtml(JSON.stringify(failing))}"><th scope="row" class="file" title="${escapeHtml(row.file)}">${escapeHtml(row.file.slice(folderLength))}</th>${cells.join('')}</tr>`;
}

function cls(c: CellClass): boolean {
  return c === 'fail';
}

function cellHtml(runtime: string, cell: MatrixCell | undefined, cls: CellClass, causes: number[] = []): string {
  const attrs = `class="cell ${cls}" data-runtime="${escapeHtml(runtime)}"`;
  if (cell === undefined || cls === 'missing') return `<td ${attrs} title="no result">—</td>`;
  const links = causes.length > 0 ? ` <span class="causes">${causes.map((id) => `<a class="cause-link" href="#cause-${id}">#${id}</a>`).join(' ')}</span>` : '';
  const counts = countsText(cell, cls) + links;
  const summary = `${cell.passed} passed, ${cell.failed} failed, ${cell.unsupported} unsupported`;
  if (cell.reasons.length === 0) return `<td ${attrs} title="${escapeHtml(summary)}">${counts}</td>`;
  const tooltip = `${summary}\n${cell.reasons.join('\n')}`;
  const reasons = cell.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  return `<td ${attrs} title="${escapeHtml(tooltip)}"><details><summary>${counts}</summary><ul class="reasons">${reasons}</ul></details></td>`;
}

function countsText(cell: MatrixCell, cls: CellClass): string {
  const parts: string[] = [];
  if (cell.failed > 0) parts.push(`<b>✗ ${cell.failed}</b>`);
  if (cls === 'unsupported') parts.push(`⊘ ${cell.unsupported}`);
  else {
    parts.push(`✓ ${cell.passed}`);
    if (cell.unsupported > 0) parts.push(`<span class="unsup">⊘ ${cell.unsupported}</span>`);
  }
  return parts.join(' ');
}
