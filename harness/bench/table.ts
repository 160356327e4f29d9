// The text and JSON forms of a bench report. The table is programs x engines;
// a cell is the ratio of its median wall time to the fastest engine's, with
// the 99% interval of that ratio, and the median peak RSS; or the reason there
// is no figure. Below it, each cell's median wall time with the half-width of
// its 99% interval, so the spread behind every ratio is stated.
import type { BenchReport, CellResult } from './run-bench.js';
import { seconds } from './schedule.js';

export function printBenchText(r: BenchReport): string {
  const engines = r.engines.filter((e) => e.unavailable === undefined).map((e) => e.id);
  const cell = (p: string, e: string): CellResult => r.cells.find((c) => c.program === p && c.engine === e)!;
  const out: string[] = [];
  out.push(`bench run ${r.runId}: ${r.programs.length} programs x ${engines.length} engines in ${seconds(r.elapsedMs)}${r.stopReason ? ` (stopped: ${r.stopReason})` : ''}`);
  for (const e of r.engines) out.push(`  ${e.id.padEnd(13)} ${e.unavailable === undefined ? e.version : `unavailable: ${e.unavailable}`}`);
  out.push('', 'ratio of median wall time to the fastest engine [99% CI], median peak RSS:');
  out.push(...grid(r.programs, engines, (p, e) => ratioText(cell(p, e))));
  out.push('', 'median wall time ± half-width of its 99% CI (distribution-free, order statistics), runs:');
  out.push(...grid(r.programs, engines, (p, e) => wallText(cell(p, e))));
  const phased = r.cells.filter((c) => Object.keys(c.phases).length > 0);
  if (phased.length > 0) {
    out.push('', 'phases (median ms): compile / instantiate / execute, where the engine reports them:');
    for (const c of phased) {
      const f = (k: 'compile' | 'instantiate' | 'execute'): string => (c.phases[k] === undefined ? '-' : c.phases[k]!.median.toFixed(2));
      out.push(`  ${c.program.padEnd(14)} ${c.engine.padEnd(13)} ${f('compile')} / ${f('instantiate')} / ${f('execute')}`);
    }
  }
  const toNative = r.cells.filter((c) => c.ratioToNative !== undefined && c.engine !== 'native');
  if (toNative.length > 0) {
    out.push('', 'ratio to native [99% CI]:');
    out.push(...grid(r.programs, engines.filter((e) => e !== 'native'), (p, e) => {
      const x = cell(p, e).ratioToNative;
      return x === undefined ? '-' : `${x.ratio.toFixed(2)} [${x.low.toFixed(2)}-${x.high.toFixed(2)}]`;
    }));
  }
  const reasons = r.cells.filter((c) => c.status !== 'ok');
  if (reasons.length > 0) {
    out.push('', 'cells without a figure:');
    for (const c of reasons) out.push(`  ${c.program} on ${c.engine}: ${c.reason}`);
  }
  // every finding of the run: wrong checksums, crashes, tier outliers and regressions (against older versions or earlier runs)
  out.push('', r.findings.length === 0 ? 'no findings' : 'findings:');
  for (const f of r.findings) out.push(`  #${f.id} ${f.kind}${f.isNew ? ' (new)' : ''}: ${f.summary}`);
  return out.join('\n');
}

export function benchJson(r: BenchReport): string {
  return JSON.stringify(r, null, 2);
}

function ratioText(c: CellResult): string {
  const rss = c.rssKb === undefined ? '' : ` ${(c.rssKb / 1024).toFixed(0)}M`;
  if (c.ratioToFastest === undefined) return shortReason(c);
  const x = c.ratioToFastest;
  return `${x.ratio.toFixed(2)} [${x.low.toFixed(2)}-${x.high.toFixed(2)}]${rss}`;
}

function wallText(c: CellResult): string {
  if (c.wall === undefined) return shortReason(c);
  const half = Math.max(c.wall.median - c.wall.low, c.wall.high - c.wall.median);
  return `${c.wall.median.toFixed(1)}±${half.toFixed(1)} ms n=${c.wall.n}`;
}

function shortReason(c: CellResult): string {
  switch (c.status) {
    case 'timeout':
      // "timeout (> 6.06 s at default size)", without where else the engine timed out
      return /^[^(]*\([^)]*\)/.exec(c.reason ?? '')?.[0] ?? 'timeout';
    case 'failed':
    case 'crash':
      return (c.reason ?? c.status).split(':')[0]!;
    case 'wrong-checksum':
      return 'wrong checksum';
    case 'left-out':
      return 'left out: budget';
    case 'too-few-runs':
      return `${c.runs} runs (<8)`;
    default:
      return c.status;
  }
}

function grid(programs: string[], engines: string[], text: (p: string, e: string) => string): string[] {
  const rows = [['program', ...engines], ...programs.map((p) => [p, ...engines.map((e) => text(p, e))])];
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) => '  ' + r.map((t, k) => t.padEnd(widths[k]!)).join('  ').trimEnd());
}
