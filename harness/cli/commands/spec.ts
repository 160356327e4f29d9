// `wasmdiff spec [--json] PATH...`: runs .wast scripts (files, or folders
// expanded to their .wast files, sorted) through the reference interpreter
// and reports per file and in total. Exit status: 0 when nothing failed, 1
// when an assertion failed, 2 for bad input (an unreadable path).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runWastFile, type ScriptResult } from '../../../reference-runtime/script/run-script.js';
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

export function registerSpec(program: Command): void {
  program
    .command('spec')
    .description('run .wast spec scripts (files or folders) through the reference interpreter')
    .argument('<paths...>', '.wast files or folders of them')
    .option('--json', 'print one JSON document instead of text')
    .action((paths: string[], opts: { json?: boolean }) => {
      const files = expandPaths(paths);
      const results = files.map((f) => runWastFile(f));
      const totals = totalsOf(results);
      if (opts.json) printJson(results, totals);
      else printText(results, totals);
      process.exitCode = totals.failed > 0 ? 1 : 0;
    });
}
