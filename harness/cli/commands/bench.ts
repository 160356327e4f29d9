// `wasmdiff bench [--runtimes LIST] [--programs LIST] [--runs N] [--budget 10m] [--db FILE] [--json]`:
// times the corpus programs on each engine (harness/bench/run-bench.ts),
// progress on stderr, the table (or JSON) on stdout, every sample and finding
// in the store. Exit status: 1 when the run recorded a NEW finding (a wrong
// checksum or a performance anomaly), 0 otherwise, 2 for bad input.
import type { Command } from 'commander';
import { BENCH_ENGINE_IDS, benchEngine } from '../../../adapters/bench-engines.js';
import type { BenchEngine } from '../../../adapters/bench-runner.js';
import { timedUnavailable } from '../../../adapters/bench-timed.js';
import { parseDuration } from '../../bench/duration.js';
import { loadBenchPrograms } from '../../bench/programs.js';
import { runBench } from '../../bench/run-bench.js';
import { benchJson, printBenchText } from '../../bench/table.js';
import { DEFAULT_ANOMALY_THRESHOLD, MIN_SAMPLES_99 } from '../../bench/stats.js';
import { addDbOption } from '../../store/db-option.js';
import { openStore } from '../../store/store.js';
import { UserError } from '../run.js';

interface BenchCliOptions {
  runtimes: string;
  programs?: string;
  size: string;
  runs: string;
  warmup: string;
  budget: string;
  timeout: string;
  seed: string;
  threshold: string;
  db: string;
  json?: boolean;
}

export function registerBench(program: Command): void {
  const cmd = program
    .command('bench')
    .description('time the benchmark corpus on each engine: medians with 99% intervals, ratios within the run, peak RSS, anomalies as findings')
    .option('--runtimes <list>', `comma-separated engines (${BENCH_ENGINE_IDS.join(', ')}), or all`, 'all')
    .option('--programs <list>', 'comma-separated corpus program names (default: all)')
    .option('--size <which>', "each program's `default` size or its `small` one (well under a second natively)", 'default')
    .option('--runs <n>', 'measured runs per program and engine (8 or more for a 99% interval)', '10')
    .option('--warmup <n>', 'rounds run first and discarded', '1')
    .option('--budget <duration>', 'total time, e.g. 90s, 10m, 1h: whole programs are left out, saying so, to fit it', '10m')
    .option('--timeout <duration>', 'per run (at most the budget / (2 x engines x (8 + warm-up rounds)))', '60s')
    .option('--seed <n>', 'seed of the run order shuffle', '1')
    .option('--threshold <x>', 'anomaly threshold: a ratio beyond usual x this (or below usual / this)', String(DEFAULT_ANOMALY_THRESHOLD))
    .option('--json', 'print the report as JSON');
  addDbOption(cmd).action(async (opts: BenchCliOptions) => {
    const runs = integer(opts.runs, '--runs', 1);
    const warmup = integer(opts.warmup, '--warmup', 0);
    const seed = integer(opts.seed, '--seed', 0);
    const budgetMs = duration(opts.budget, '--budget');
    const threshold = Number(opts.threshold);
    if (!(threshold > 1)) throw new UserError(`bench: --threshold must be a number above 1, got ${opts.threshold}`);
    const missing = timedUnavailable();
    if (missing !== undefined) throw new UserError(`bench: ${missing}`);
    const engines = pickEngines(opts.runtimes);
    if (opts.size !== 'default' && opts.size !== 'small') throw new UserError(`bench: --size must be default or small, got ${opts.size}`);
    const programs = loadBenchPrograms(list(opts.programs), opts.size);
    if (programs.length === 0) throw new UserError('bench: no programs to run');
    // Per-run limit: at most the time at which one program's row (warm-up and 8 runs on every engine)
    // takes half the budget; a slower engine could only ever fit a program or two, so it is stated as a
    // timeout at this size instead (the interpreters, at default sizes) and not tried after two of them
    const timeoutMs = Math.min(duration(opts.timeout, '--timeout'), budgetMs / (2 * engines.length * (MIN_SAMPLES_99 + warmup)));
    const store = openStore(opts.db);
    try {
      const report = await runBench({
        programs, engines, store, runs, warmup, budgetMs, timeoutMs, seed, threshold, size: opts.size,
        recordedOptions: { runtimes: engines.map((e) => e.id), programs: programs.map((p) => p.name), size: opts.size, runs, warmup, budgetMs, timeoutMs, seed, threshold },
        onProgress: (line) => void process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${opts.json ? benchJson(report) : printBenchText(report)}\n`);
      process.exitCode = report.findings.some((f) => f.isNew) ? 1 : 0;
    } finally {
      store.close();
    }
  });
}

function pickEngines(text: string): BenchEngine[] {
  const ids = text === 'all' ? BENCH_ENGINE_IDS : (list(text) ?? []);
  if (ids.length === 0) throw new UserError('bench: --runtimes needs a comma-separated list of engines, or all');
  return ids.map((id) => benchEngine(id) ?? fail(`bench: unknown engine ${id} in --runtimes (known: ${BENCH_ENGINE_IDS.join(', ')})`));
}

function list(text: string | undefined): string[] | undefined {
  return text?.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function integer(text: string, name: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UserError(`bench: ${name} must be an integer >= ${min}, got ${text}`);
  return n;
}

function duration(text: string, name: string): number {
  return parseDuration(text) ?? fail(`bench: ${name} must be a duration such as 90s, 10m or 1h, got ${text}`);
}

function fail(message: string): never {
  throw new UserError(message);
}
