// `wasmdiff nightly [--budget 30m] [--db FILE] [--out DIR] [--shard i/n]`:
// the whole pipeline (harness/nightly/run-nightly.ts): runtimes present,
// spec suite across them, open findings re-checked, fuzzing for the bulk of
// the budget, a benchmark subset, then OUT/report.html, OUT/summary.md and
// OUT/junit.xml. Progress on stderr, a summary on stdout. Exit status: 1
// when there are new findings not in the baseline, 0 otherwise, 2 for a
// usage or environment error (no runtimes, unwritable --out, bad baseline).
//
// `--report-only` writes the three files from an existing --db (the CI merge
// job, after `wasmdiff merge`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { allAdapters, ADAPTER_IDS, createAdapter } from '../../../adapters/registry.js';
import type { Adapter } from '../../../adapters/adapter.js';
import { failingNew } from '../../baseline/apply.js';
import { loadBaseline } from '../../baseline/baseline.js';
import { parseDuration } from '../../bench/duration.js';
import { runNightly, type NightlyResult } from '../../nightly/run-nightly.js';
import { sessionName } from '../../nightly/session.js';
import { parseShard } from '../../nightly/shard.js';
import { writeReports } from '../../nightly/write-reports.js';
import { openStore } from '../../store/store.js';
import { suiteFiles } from '../../testsuite.js';
import { DEFAULT_SUITES, suiteVersions } from '../../nightly/suite-versions.js';
import { UserError } from '../run.js';
import { expandPaths } from './spec.js';

interface NightlyCliOptions {
  budget: string;
  db?: string;
  out: string;
  shard: string;
  baseline?: string;
  runtimes: string;
  spec?: string;
  suite: string;
  seed?: string;
  fuzzCases?: string;
  bench: boolean;
  benchPrograms?: string;
  session?: string;
  reportOnly?: boolean;
  json?: boolean;
}

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description('the nightly pipeline: spec suite on every runtime present, re-check open findings, fuzz, benchmark subset, then HTML, Markdown and JUnit reports')
    .option('--budget <duration>', 'total time, e.g. 5m, 30m, 2h (spec <= 25%, bench <= 20%, fuzz the rest)', '30m')
    .option('--out <dir>', 'where report.html, summary.md, junit.xml (and by default the database) go', 'out')
    .option('--db <file>', 'the result store (default: OUT/wasmdiff.db); past runs in it make the trends')
    .option('--shard <i/n>', 'run shard i of n (1-based): spec files and bench programs by index mod n, fuzz chunks by stride', '1/1')
    .option('--baseline <file>', 'known findings: {"findings":[{"signature","reason"}]} (default: ./wasmdiff-baseline.json if present)')
    .option('--runtimes <list>', `comma-separated adapter ids, or all (${ADAPTER_IDS.join(', ')})`, 'all')
    .option('--suite <versions>', 'which official testsuites the spec stage rotates through, as much as the budget fits each night: 3.0, 2.0, or 3.0,2.0 (both, in that order)', DEFAULT_SUITES)
    .option('--spec <paths>', 'comma-separated .wast files or folders, all run (instead of --suite)')
    .option('--seed <n>', 'fuzz seed (default: the UTC day number, a new one each night, the same for every shard)')
    .option('--fuzz-cases <n>', 'fuzz this many cases in all (shards split them) instead of for the time left: deterministic')
    .option('--no-bench', 'leave out the benchmark stage')
    .option('--bench-programs <list>', 'comma-separated corpus programs (default: this shard\'s share of the corpus)')
    .option('--session <name>', 'what ties shards together for "new since the previous run" (default: $GITHUB_RUN_ID, else this run)')
    .option('--report-only', 'only write the three report files from --db (e.g. after wasmdiff merge)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: NightlyCliOptions) => {
      const baseline = loadBaseline(opts.baseline);
      if (opts.reportOnly === true) return reportOnly(opts, baseline);
      const budgetMs = parseDuration(opts.budget) ?? fail(`nightly: --budget must be a duration such as 5m, 30m or 2h, got ${opts.budget}`);
      const result = await runNightly({
        budgetMs,
        out: opts.out,
        ...(opts.db === undefined ? {} : { db: opts.db }),
        shard: parseShard(opts.shard),
        baseline,
        runtimes: pickRuntimes(opts.runtimes),
        spec: opts.spec === undefined ? { files: suiteVersions(opts.suite).flatMap((v) => suiteFiles(v)), explicit: false } : { files: expandPaths(list(opts.spec)), explicit: true },
        fuzz: { seed: opts.seed === undefined ? utcDay() : integer(opts.seed, '--seed', 0), ...(opts.fuzzCases === undefined ? {} : { cases: integer(opts.fuzzCases, '--fuzz-cases', 0) }) },
        bench: opts.bench ? (opts.benchPrograms === undefined ? {} : { programs: list(opts.benchPrograms) }) : false,
        session: sessionName(opts.session, process.env, `local-${new Date().toISOString()}`),
        progress: (line) => void process.stderr.write(`${line}\n`),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : summaryText(result));
      process.exitCode = result.exitCode;
    });
}

function reportOnly(opts: NightlyCliOptions, baseline: ReturnType<typeof loadBaseline>): void {
  const db = opts.db ?? join(opts.out, 'wasmdiff.db');
  if (!existsSync(db)) throw new UserError(`nightly: no database at ${db}; pass --db with the file a nightly (or wasmdiff merge) wrote`);
  const store = openStore(db);
  try {
    const { data, files } = writeReports(store, baseline, opts.out);
    const fresh = failingNew(data);
    process.stdout.write(opts.json ? `${JSON.stringify({ files, newFindings: fresh.length }, null, 2)}\n` : `wrote ${files.html}, ${files.markdown}, ${files.junit}; ${fresh.length} new finding(s)\n`);
    process.exitCode = fresh.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}

function summaryText(r: NightlyResult): string {
  const lines = [
    ...r.failedStages.map((x) => `nightly: STAGE FAILED: ${x}`),
    `nightly: ${r.newFindings > 0 ? `${r.newFindings} NEW finding(s)` : 'no new findings'}${r.failedStages.length > 0 ? `, ${r.failedStages.length} stage(s) FAILED (exit 2)` : ''} in ${r.seconds.toFixed(0)} s (${r.openFindings} open, ${r.knownNew} new but in the baseline, ${r.fixed} fixed)`,
    `runtimes: ${r.runtimes.map((x) => `${x.id} ${x.version}`).join('; ')}`,
    ...r.stages.map((s) => `  ${s.stage.padEnd(8)} ${s.status.padEnd(7)} ${s.seconds.toFixed(1).padStart(7)} s  ${s.note}`),
    `wrote ${r.files.html}, ${r.files.markdown}, ${r.files.junit}; database ${r.db}`,
  ];
  return `${lines.join('\n')}\n`;
}

function pickRuntimes(text: string): Adapter[] {
  if (text === 'all') return allAdapters();
  const ids = list(text);
  if (ids.length === 0) throw new UserError('nightly: --runtimes needs a comma-separated list of adapter ids, or all');
  return ids.map((id) => createAdapter(id) ?? fail(`nightly: unknown runtime ${id} in --runtimes; known: ${ADAPTER_IDS.join(', ')}, or all`));
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function integer(text: string, name: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UserError(`nightly: ${name} must be an integer >= ${min}, got ${text}`);
  return n;
}

/** Days since 1970-01-01 UTC: a new fuzz seed each night that every shard of the night agrees on. */
function utcDay(): number {
  return Math.floor(Date.now() / 86_400_000);
}

function fail(message: string): never {
  throw new UserError(message);
}
