// `wasmdiff spec [--json] [--spec 2.0|3.0] PATH...`: runs .wast scripts
// (files, or folders expanded to their .wast files, sorted) through the
// reference interpreter and reports per file and in total. Each script is
// judged by the rules of its spec version: a file in a `wasm-2.0/` folder by
// 2.0, anything else by 3.0; `--spec` overrides. Exit status: 0 when nothing failed, 1
// when an assertion failed, 2 for bad input (an unreadable path).
//
// With `--runtimes LIST|all [--db FILE]` it is the differential run instead
// (harness/conformance/): every command on the oracle and on each runtime,
// totals per runtime printed and stored, divergences stored as findings.
// Exit status then: 1 when the run found new or re-opened findings (notes
// fail nothing), 2 when the oracle disagrees with a script where the plan
// does not explain it, 0 otherwise.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runWastFile, specVersionOf, type ScriptResult } from '../../../reference-runtime/script/run-script.js';
import type { SpecVersion } from '../../../reference-runtime/syntax/features.js';
import type { Adapter } from '../../../adapters/adapter.js';
import { ADAPTER_IDS, createAdapter } from '../../../adapters/registry.js';
import { printSuiteText, suiteJson } from '../../conformance/print.js';
import { runSuite } from '../../conformance/run-suite.js';
import { failing } from '../../findings/contract.js';
import { addDbOption } from '../../store/db-option.js';
import { openStore } from '../../store/store.js';
import { UserError } from '../run.js';

/** The .wast files named by `paths`, folders expanded (sorted), in argument order. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`spec: cannot read ${p}`);
    }
    if (st.isDirectory()) {
      const inner = readdirSync(p)
        .filter((f) => f.endsWith('.wast'))
        .sort()
        .map((f) => join(p, f));
      files.push(...inner);
    } else files.push(p);
  }
  return files;
}

export interface SpecTotals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totalsOf(results: ScriptResult[]): SpecTotals {
  const t = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    t.passed += r.passed;
    t.failed += r.failed;
    t.skipped += r.skipped;
  }
  return t;
}

function printText(results: ScriptResult[], totals: SpecTotals): void {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.file}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    for (const f of r.failures) out.push(`  ${f.file}:${f.line}: ${f.command}: expected ${f.expected}, got ${f.actual}`);
  }
  out.push(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printJson(results: ScriptResult[], totals: SpecTotals): void {
  const doc = {
    files: results.map((r) => ({
      file: r.file,
      engine: 'reference',
      passed: r.passed,
      failed: r.failed,
      skipped: r.skipped,
      failures: r.failures,
    })),
    totals,
  };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

interface SpecOptions {
  json?: boolean;
  spec?: string;
  runtimes?: string;
  db: string;
  timeout: string;
  jobs: string;
}

export function registerSpec(program: Command): void {
  const cmd = program
    .command('spec')
    .description('run .wast spec scripts (files or folders) through the reference interpreter, or with --runtimes on real runtimes against it')
    .argument('<paths...>', '.wast files or folders of them')
    .option('--json', 'print one JSON document instead of text')
    .option('--spec <version>', 'judge every script by the rules of this spec version (2.0 or 3.0); default: 2.0 for files in a wasm-2.0/ folder, 3.0 otherwise')
    .option('--runtimes <list>', 'comma-separated adapter ids, or `all` (the available ones): the differential run, stored in --db')
    .option('--timeout <ms>', 'per process, with --runtimes (a timeout is retried once with twice this)', '10000')
    .option('--jobs <n>', 'runtimes run at once, with --runtimes', '2');
  addDbOption(cmd).action(async (paths: string[], opts: SpecOptions) => {
    if (opts.runtimes !== undefined) return differential(paths, opts);
    const version = specOption(opts.spec);
    const files = expandPaths(paths);
    const results = files.map((f) => runWastFile(f, version ?? specVersionOf(f)));
    const totals = totalsOf(results);
    if (opts.json) printJson(results, totals);
    else printText(results, totals);
    process.exitCode = totals.failed > 0 ? 1 : 0;
  });
}

async function differential(paths: string[], opts: SpecOptions): Promise<void> {
  const timeoutMs = positive(opts.timeout, '--timeout');
  const jobs = positive(opts.jobs, '--jobs');
  const files = expandPaths(paths);
  const runtimes = await pickRuntimes(opts.runtimes!);
  const oracle = createAdapter('reference')!;
  const store = openStore(opts.db);
  try {
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);
    const result = await runSuite({ files, runtimes, oracle, store, timeoutMs, jobs, progress, command: `spec --runtimes ${opts.runtimes}` });
    if (opts.json) process.stdout.write(`${JSON.stringify(suiteJson(result), null, 2)}\n`);
    else {
      const versions = Object.fromEntries(await Promise.all(runtimes.map(async (a) => [a.id, versionOf(await a.available())] as const)));
      printSuiteText(result, versions, (s) => void process.stdout.write(s));
    }
    for (const e of result.oracleErrors.slice(0, 20)) process.stderr.write(`spec: oracle error at ${e.at}: ${e.command}: the script expects ${e.expected}, the reference interpreter gives ${e.actual}\n`);
    if (result.oracleErrors.length > 0) process.stderr.write(`spec: ${result.oracleErrors.length} check(s) the oracle gets wrong were judged on no runtime\n`);
    process.exitCode = result.oracleErrors.length > 0 ? 2 : failing(result.findings).length > 0 ? 1 : 0;
  } finally {
    store.close();
    await Promise.all([oracle, ...runtimes].map((a) => a.close?.()));
  }
}

/** The adapters named by `--runtimes`: `all` is every available one (the others named on stderr). */
async function pickRuntimes(list: string): Promise<Adapter[]> {
  const ids = list === 'all' ? [...ADAPTER_IDS] : list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new UserError('spec: --runtimes needs a comma-separated list of adapter ids, or all');
  const adapters: Adapter[] = [];
  for (const id of ids) {
    const adapter = createAdapter(id);
    if (adapter === undefined) throw new UserError(`spec: unknown runtime ${id}; known: ${ADAPTER_IDS.join(', ')}, or all`);
    const a = await adapter.available();
    if (a.ok) adapters.push(adapter);
    else if (list === 'all') process.stderr.write(`spec: skipping ${id}: ${a.reason}\n`);
    else throw new UserError(`spec: runtime ${id} is not available: ${a.reason}; install it with: ${a.install || 'wasmdiff runtimes install'}`);
  }
  return adapters;
}

function versionOf(a: { ok: true; version: string } | { ok: false }): string {
  return a.ok ? a.version : '';
}

function specOption(text: string | undefined): SpecVersion | undefined {
  if (text === undefined) return undefined;
  if (text === '2.0' || text === '3.0') return text;
  throw new UserError(`spec: --spec must be 2.0 or 3.0, got ${text}`);
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`spec: ${name} must be a positive integer, got ${text}`);
  return n;
}
