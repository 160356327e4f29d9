// The HTML report: ReportData in, one self-contained HTML page out. The
// sections appear in this order; a new one (trends across runs) is one more
// entry in SECTIONS.
import type { ReportData } from './data.js';
import { chartJsSource } from './html/chartjs.js';
import { renderFindings } from './html/findings.js';
import { renderFuzz } from './html/fuzz.js';
import { renderMatrix } from './html/matrix.js';
import { renderPage } from './html/page.js';
import { renderPerformance } from './html/performance.js';
import type { Section } from './html/section.js';
import { renderSummary } from './html/summary.js';
import { renderTrends, TRENDS_SCRIPT } from './html/trends.js';

const SECTIONS: ((data: ReportData) => Section)[] = [renderSummary, renderMatrix, renderFindings, renderFuzz, renderPerformance, renderTrends];

export function renderHtml(data: ReportData): string {
  const sections = SECTIONS.map((render) => render(data));
  const hasCharts = sections.some((s) => s.data !== undefined);
  return renderPage({
    title: 'wasmdiff report',
    sections,
    runtimes: runtimeNames(data),
    // the trend charts' script rides in Chart.js's element: one library script, as before
    libraries: hasCharts ? [`${chartJsSource()}\n${TRENDS_SCRIPT}`] : [],
  });
}

function runtimeNames(data: ReportData): string[] {
  const names = [
    ...data.runtimes.map((r) => r.name),
    ...(data.matrix?.runtimes ?? []),
    ...data.findings.flatMap((f) => f.runtimes),
    ...(data.performance?.samples.map((s) => s.runtime) ?? []),
    ...(data.fuzz?.runtimes.map((r) => r.runtime) ?? []),
  ];
  return [...new Set(names)].sort();
}
