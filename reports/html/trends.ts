// The trends section: across every run in the database, spec assertions
// passed per runtime version, findings open after each run, and each runtime
// version's geometric-mean ratio to the fastest (a ratio within each run, so
// runs on different machines stay comparable). Line charts drawn by
// TRENDS_SCRIPT from this section's data; a table instead while there is
// only one run, where a line would be a dot.
import type { ReportData, TrendData } from '../data.js';
import { escapeHtml } from './escape.js';
import { formatRatio, formatTime } from './format.js';
import type { Section } from './section.js';

export function renderTrends(data: ReportData): Section {
  const title = 'Trends';
  const t = data.trends;
  if (t === undefined || t.runs.length === 0) return { id: 'trends', title, html: '<p class="empty">No runs stored yet: trends appear once runs are stored in this database.</p>' };
  const html = `<p class="meta">${t.runs.length} run(s), oldest first. Performance is the geometric mean of each runtime's ratio to the fastest within a run (1.00× = fastest on every program).</p>
${t.runs.length === 1 ? '' : charts()}
${trendTable(t)}`;
  return { id: 'trends', title, html, ...(t.runs.length > 1 ? { data: t } : {}) };
}

function charts(): string {
  return `<div class="chart"><canvas id="chart-trend-spec" role="img" aria-label="spec assertions passed per runtime version per run"></canvas></div>
<div class="chart"><canvas id="chart-trend-findings" role="img" aria-label="open findings after each run"></canvas></div>
<div class="chart"><canvas id="chart-trend-perf" role="img" aria-label="geometric-mean ratio to the fastest per runtime version per run"></canvas></div>`;
}

/** Only the runs with something to show, newest last, so the table stays short. */
function trendTable(t: TrendData): string {
  const shown = t.runs.map((_, k) => k).filter((k) => k === t.runs.length - 1 || t.specPassed.some((s) => s.values[k] !== null) || t.perfGeomean.some((s) => s.values[k] !== null));
  const head = [
    ...t.specPassed.map((s) => `<th scope="col" class="num">${escapeHtml(s.runtime)}<br><small>spec passed</small></th>`),
    '<th scope="col" class="num">open findings</th>',
    ...t.perfGeomean.map((s) => `<th scope="col" class="num">${escapeHtml(s.runtime)}<br><small>perf ratio</small></th>`),
  ].join('');
  const rows = shown.map((k) => {
    const run = t.runs[k]!;
    const cells = [
      ...t.specPassed.map((s) => `<td class="num">${s.values[k] ?? '—'}</td>`),
      `<td class="num">${t.openFindings[k]}</td>`,
      ...t.perfGeomean.map((s) => `<td class="num">${s.values[k] === null ? '—' : formatRatio(s.values[k]!)}</td>`),
    ].join('');
    return `<tr><th scope="row">#${run.id} <code>${escapeHtml(run.command)}</code><br><small>${escapeHtml(formatTime(run.startedAt))}</small></th>${cells}</tr>`;
  });
  return `<div class="scroll"><table class="trends" id="trends-table"><thead><tr><th scope="col">run</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

/** Draws the three line charts with the inlined Chart.js (plain browser JavaScript; data only through JSON.parse). */
export const TRENDS_SCRIPT = String.raw`
(function () {
  'use strict';
  var el = document.getElementById('data-trends');
  if (!el || !window.Chart) return;
  var t = JSON.parse(el.textContent);
  var PALETTE = ['#2454c5', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#5c940d', '#a61e4d', '#364fc7'];
  var labels = t.runs.map(function (r) { return '#' + r.id + ' ' + r.command; });
  function line(id, title, series, yTitle) {
    new Chart(document.getElementById(id), {
      type: 'line',
      data: {
        labels: labels,
        datasets: series.map(function (s, i) {
          return { label: s.label, data: s.values, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], spanGaps: true, tension: 0 };
        })
      },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { title: { display: true, text: title } },
        scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } } }
      }
    });
  }
  line('chart-trend-spec', 'Spec assertions passed per runtime version', t.specPassed.map(function (s) { return { label: s.runtime, values: s.values }; }), 'assertions passed');
  line('chart-trend-findings', 'Open findings after each run', [{ label: 'open findings', values: t.openFindings }], 'findings');
  line('chart-trend-perf', 'Geometric-mean ratio to the fastest (lower is better)', t.perfGeomean.map(function (s) { return { label: s.runtime, values: s.values }; }), 'ratio');
})();
`;
