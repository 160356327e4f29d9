// The fuzzing section: the newest fuzz run's rate, the cases each runtime
// ran and set aside (a feature the case uses is missing, as probed), where
// the time went, and the oracle's opcode coverage with its growth over the
// run's cases (an inline SVG line: no script needed).
import type { FuzzData, ReportData } from '../data.js';
import { escapeHtml } from './escape.js';
import { formatTime, plural } from './format.js';
import type { Section } from './section.js';

export function renderFuzz(data: ReportData): Section {
  const title = 'Fuzzing';
  const f = data.fuzz;
  if (f === undefined) return { id: 'fuzz', title, html: '<p class="empty">No fuzz run stored yet.</p>' };
  const html = `<p class="meta">Run #${f.runId}, ${escapeHtml(formatTime(f.startedAt))}: ${plural(f.cases, 'case')} in ${f.seconds.toFixed(1)} s (${f.casesPerSecond.toFixed(1)} cases/s), ${plural(f.newFindings, 'new finding')}.</p>
${runtimeTable(f)}
${phases(f)}
<p>Coverage: <strong>${f.coverage.executed}</strong> of ${f.coverage.total} opcodes executed on the oracle${
    f.operands === undefined ? '' : `; <strong>${f.operands.covered}</strong> of ${f.operands.total} (instruction, operand, operand class) triples`
  }${f.trapConditions === undefined ? '' : `; <strong>${f.trapConditions}</strong> trap conditions fired (instruction, trap kind)`}.</p>
${growthChart(f)}`;
  return { id: 'fuzz', title, html };
}

function runtimeTable(f: FuzzData): string {
  if (f.runtimes.length === 0) return '';
  const rows = f.runtimes.map((r) => {
    const share = r.ran + r.setAside === 0 ? 0 : (100 * r.setAside) / (r.ran + r.setAside);
    return `<tr><th scope="row" class="rt">${escapeHtml(r.runtime)}</th><td class="num">${r.ran}</td><td class="num">${r.setAside}</td><td class="num">${share.toFixed(0)}%</td></tr>`;
  });
  return `<table class="fuzz-runtimes"><thead><tr><th scope="col">runtime</th><th scope="col" class="num">cases run</th><th scope="col" class="num">set aside</th><th scope="col" class="num">share set aside</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function phases(f: FuzzData): string {
  const entries = Object.entries(f.phases);
  const total = entries.reduce((t, [, ms]) => t + ms, 0);
  if (total === 0) return '';
  return `<p class="meta">Time: ${entries.map(([p, ms]) => `${escapeHtml(p)} ${(ms / 1000).toFixed(1)} s (${((100 * ms) / total).toFixed(0)}%)`).join(', ')}.</p>`;
}

const WIDTH = 600;
const HEIGHT = 160;

/** Opcodes (and operand triples) executed against cases run, each as a step line up to the run's last case, as a share of its total. */
function growthChart(f: FuzzData): string {
  if (f.growth.length === 0) return '';
  const maxX = Math.max(f.cases, f.growth.at(-1)!.cases, 1);
  const x = (cases: number) => ((WIDTH * cases) / maxX).toFixed(1);
  const line = (value: (p: FuzzData['growth'][number]) => number, total: number, colour: string, dash: string) => {
    const y = (n: number) => (HEIGHT - (HEIGHT * n) / Math.max(1, total)).toFixed(1);
    const points: string[] = [];
    let last = 0;
    for (const p of f.growth) {
      points.push(`${x(p.cases)},${y(last)}`, `${x(p.cases)},${y(value(p))}`);
      last = value(p);
    }
    points.push(`${x(maxX)},${y(last)}`);
    return `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${points.join(' ')}"/>`;
  };
  const triples = f.operands !== undefined && f.growth.every((p) => p.triples !== undefined);
  const label = `opcodes${triples ? ' and operand triples' : ''} executed on the oracle against cases run: ${f.growth.map((p) => `${p.cases} cases ${p.opcodes}${triples ? `/${p.triples}` : ''}`).join(', ')}`;
  return `<figure class="growth"><svg id="fuzz-growth" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">
<line x1="0" y1="0" x2="${WIDTH}" y2="0" stroke="#bbb" stroke-dasharray="4 4"/>
${line((p) => p.opcodes, f.coverage.total, '#2454c5', '')}
${triples ? line((p) => p.triples!, f.operands!.total, '#c57a24', ' stroke-dasharray="6 3"') : ''}
</svg><figcaption>Opcodes executed (solid, of ${f.coverage.total})${triples ? ` and operand triples (dashed, of ${f.operands!.total})` : ''}, each as a share of its total (the dotted line), against cases run (0 to ${maxX}).</figcaption></figure>`;
}
