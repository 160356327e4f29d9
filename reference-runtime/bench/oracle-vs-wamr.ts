// The oracle against WAMR's fast interpreter on the corpus, in one run: the
// reference interpreter's execute phase (its `_start`, without decode,
// validation and instantiation) over WAMR fast's whole-process wall time,
// per program and as a geometric mean (issue 19's yardstick). Both engines run
// interleaved by the bench's own schedule, so machine load hits both alike.
// Run (after `npx tsc -p tsconfig.json`):
//   node dist/reference-runtime/bench/oracle-vs-wamr.js [--size small|default] [--runs N] [--programs a,b]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEngine } from '../../adapters/bench-engines.js';
import type { BenchEngine } from '../../adapters/bench-runner.js';
import { loadBenchPrograms, type BenchSize } from '../../harness/bench/programs.js';
import { runBench } from '../../harness/bench/run-bench.js';
import { openStore } from '../../harness/store/store.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const size = option('--size', 'small') as BenchSize;
// 8 runs at least: fewer give the bench no median interval, so no figure
const runs = Math.max(8, Number(option('--runs', '8')));
const names = process.argv.includes('--programs') ? option('--programs', '').split(',') : undefined;
const engines = ['reference', 'wamr-fast'].map((id) => benchEngine(id) as BenchEngine);
const programs = loadBenchPrograms(names, size);
const dir = mkdtempSync(join(tmpdir(), 'oracle-vs-wamr-'));
const store = openStore(join(dir, 'bench.db'));
try {
  const report = await runBench({
    programs, engines, store, runs, warmup: 1, budgetMs: 3_600_000, timeoutMs: 600_000, seed: 1, size,
    onProgress: (line) => void process.stderr.write(`${line}\n`),
  });
  const cell = (program: string, engine: string) => report.cells.find((c) => c.program === program && c.engine === engine);
  const rows: string[] = [];
  const ratios: number[] = [];
  for (const p of programs) {
    const execute = cell(p.name, 'reference')?.phases.execute?.median;
    const wamr = cell(p.name, 'wamr-fast')?.wall?.median;
    if (execute === undefined || wamr === undefined) {
      rows.push(`  ${p.name.padEnd(14)} no figure (reference: ${cell(p.name, 'reference')?.status}, wamr-fast: ${cell(p.name, 'wamr-fast')?.status})`);
      continue;
    }
    ratios.push(execute / wamr);
    rows.push(`  ${p.name.padEnd(14)} ${execute.toFixed(1).padStart(9)} ${wamr.toFixed(1).padStart(9)} ${(execute / wamr).toFixed(2).padStart(7)}x`);
  }
  const geomean = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
  console.log(`oracle execute vs WAMR fast whole process, size ${size}, ${runs} runs each (medians, ms):`);
  console.log(`  ${'program'.padEnd(14)} ${'oracle'.padStart(9)} ${'wamr-fast'.padStart(9)} ${'ratio'.padStart(8)}`);
  for (const r of rows) console.log(r);
  console.log(`  geometric mean over ${ratios.length} programs: ${geomean.toFixed(2)}x`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
