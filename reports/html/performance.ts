// The performance section: per program, each runtime's median time as a
// ratio to the fastest (with its confidence interval), the same as a bar
// chart with whiskers, median time per phase as stacked bars, and peak
// memory. The charts are drawn by the page script from this section's data.
import type { ReportData } from '../data.js';
import { CONFIDENCE, PHASES, summarisePerformance, type PerformanceSummary } from '../performance.js';
import { escapeHtml } from './escape.js';
import { formatKb, formatMs, formatRatio } from './format.js';
import type { Section } from './section.js';

/** What the page script needs to draw both charts. */
export interface PerformanceChartData {
  programs: string[];
  runtimes: string[];
  /** ratio[runtime][program index] with its interval; null where the runtime did not run the program. */
  ratio: Record<string, ({ value: number; low: number; high: number } | null)[]>;
  /** One stacked bar per program/runtime pair: median ms per phase. */
  phases: { program: string; runtime: string; ms: Record<string, number> }[];
  phaseNames: string[];
}

export function renderPerformance(data: ReportData): Section {
  const title = 'Performance';
  if (data.performance === undefined || data.performance.samples.length === 0) {
    return { id: 'performance', title, html: '<p class="empty">No benchmark data in this database: run <code>wasmdiff bench</code> to add some.</p>' };
  }
  const s = summarisePerformance(data.performance.samples);
  const pct = Math.round(CONFIDENCE * 100);
  const html = `<p class="meta">Run #${data.performance.runId}. Time per iteration relative to the fastest runtime on each program (1.00× = fastest), median with its ${pct}% bootstrap confidence interval; lower is better.</p>
${ratioTable(s)}
<div class="chart"><canvas id="chart-ratio" role="img" aria-label="ratio to the fastest runtime per program, with ${pct}% confidence intervals"></canvas></div>
<h3>Time per phase (median)</h3>
<div class="chart"><canvas id="chart-phases" role="img" aria-label="median time per phase, stacked, per program and runtime"></canvas></div>
<h3>Peak memory (RSS)</h3>
${memoryTable(s)}`;
  return { id: 'performance', title, html, data: chartData(s) };
}

function ratioTable(s: PerformanceSummary): string {
  const head = s.runtimes.map((r) => `<th scope="col" data-runtime="${escapeHtml(r)}">${escapeHtml(r)}</th>`).join('');
  const rows = s.programs.map((program) => {
    const cells = s.runtimes.map((runtime) => {
      const r = s.ratios.find((x) => x.program === program && x.runtime === runtime);
      if (!r) return `<td class="num missing" data-runtime="${escapeHtml(runtime)}">—</td>`;
      const ci = r.ratio === 1 && r.low === 1 && r.high === 1 ? 'fastest' : `[${formatRatio(r.low)} – ${formatRatio(r.high)}]`;
      const cls = r.ratio === 1 ? ' best' : r.low > 2 ? ' slow' : '';
      return `<td class="num${cls}" data-runtime="${escapeHtml(runtime)}" title="${escapeHtml(`median ${formatMs(r.medianMs)} over ${r.iterations} iterations`)}">${formatRatio(r.ratio)} <small>${ci}</small></td>`;
    });
    return `<tr><th scope="row">${escapeHtml(program)}</th>${cells.join('')}</tr>`;
  });
  const geo = s.runtimes.map((r) => `<td class="num" data-runtime="${escapeHtml(r)}">${s.geomean[r] === undefined ? '—' : formatRatio(s.geomean[r])}</td>`);
  return `<div class="scroll"><table class="perf" id="perf-table"><thead><tr><th scope="col">program</th>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
<tfoot><tr><th scope="row">geometric mean</th>${geo.join('')}</tr></tfoot></table></div>`;
}

function memoryTable(s: PerformanceSummary): string {
  if (s.peakRss.length === 0) return '<p class="empty">No runtime reported its peak memory.</p>';
  const head = s.runtimes.map((r) => `<th scope="col" data-runtime="${escapeHtml(r)}">${escapeHtml(r)}</th>`).join('');
  const rows = s.programs.map((program) => {
    const cells = s.runtimes.map((runtime) => {
      const m = s.peakRss.find((x) => x.program === program && x.runtime === runtime);
      return `<td class="num" data-runtime="${escapeHtml(runtime)}">${m ? formatKb(m.kb) : '—'}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(program)}</th>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="perf"><thead><tr><th scope="col">program</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function chartData(s: PerformanceSummary): PerformanceChartData {
  const ratio: PerformanceChartData['ratio'] = {};
  for (const runtime of s.runtimes) {
    ratio[runtime] = s.programs.map((program) => {
      const r = s.ratios.find((x) => x.program === program && x.runtime === runtime);
      return r ? { value: r.ratio, low: r.low, high: r.high } : null;
    });
  }
  const phases = s.phases
    .filter((p) => Object.keys(p.phases).length > 0)
    .map((p) => ({ program: p.program, runtime: p.runtime, ms: p.phases as Record<string, number> }));
  return { programs: s.programs, runtimes: s.runtimes, ratio, phases, phaseNames: [...PHASES] };
}
