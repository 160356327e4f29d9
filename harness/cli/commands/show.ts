// `wasmdiff show ID [--db FILE] [--out DIR] [--json]`: one finding in full:
// where it was seen, expected (the script's assertion) vs the oracle vs each
// runtime, the raw output, the module as WAT and the command per runtime that
// reproduces it. With --out the module, the driver and the helper files those
// commands need are written to DIR, so each printed line runs as it is.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createAdapter } from '../../../adapters/registry.js';
import { invocationText, loadInvocations, reproRecipe, shellLine, writeReproFiles, type ReproRecipe, type StoredInvocation } from '../../conformance/repro.js';
import { addDbOption } from '../../store/db-option.js';
import { openStore, type FindingRecord } from '../../store/store.js';
import { UserError } from '../run.js';
import { issueMarkdown } from '../../findings/issue-markdown.js';

interface ShowOptions {
  db: string;
  out?: string;
  json?: boolean;
  markdown?: boolean;
}

interface Details {
  at?: string;
  seenAt?: string[];
  command?: string;
  expected?: string;
  oracle?: string;
  actual?: Record<string, string>;
  invocations?: StoredInvocation[];
  raw?: { stdout?: string; stderr?: string; exitCode?: number; signal?: string } | null;
}

export function registerShow(program: Command): void {
  const cmd = program
    .command('show')
    .description('print one finding: WAT, expected vs actual per runtime, and the command that reproduces it on each runtime')
    .argument('<id>', 'finding id (from `wasmdiff findings`)')
    .option('--out <dir>', 'write module.wasm, driver.wasm and helper files here, so the repro commands run as printed')
    .option('--json', 'print the finding as one JSON document')
    .option('--markdown', 'print the issue to file upstream: title, runtime and exact version, flags, platform, the WAT inline, expected vs actual and why (the spec section), the other runtimes, one command per runtime, the sightings');
  addDbOption(cmd).action(async (idText: string, opts: ShowOptions) => {
    const id = Number(idText);
    if (!Number.isInteger(id) || id <= 0) throw new UserError(`show: the finding id must be a positive integer, got ${idText}`);
    const store = openStore(opts.db);
    let finding: FindingRecord | undefined;
    let module: Uint8Array | undefined;
    let markdown: string | undefined;
    try {
      finding = store.getFinding(id);
      if (finding === undefined) throw new UserError(`show: no finding ${id} in ${opts.db}; list them with: wasmdiff findings --db ${opts.db}`);
      module = finding.moduleHash ? store.getModule(finding.moduleHash)?.bytes : undefined;
      const host = finding.lastRunId === null ? undefined : store.getRun(finding.lastRunId)?.host;
      if (opts.markdown) markdown = issueMarkdown({ finding, examples: store.examples(finding.id), runtimes: store.runtimes(), ...(host ? { host } : {}) });
    } finally {
      store.close();
    }
    if (markdown !== undefined) {
      process.stdout.write(markdown);
      return;
    }
    const details = (finding.details ?? {}) as Details;
    const repro = opts.out !== undefined && module !== undefined ? await writeRepro(opts.out, finding, details, module) : finding.repro;
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...finding, repro, out: opts.out ?? null }, null, 2)}\n`);
    else process.stdout.write(render(finding, details, repro, opts.out));
  });
}

/** Writes the files and returns each runtime's command, recomputed from its adapter when it is installed here. */
async function writeRepro(out: string, f: FindingRecord, d: Details, module: Uint8Array): Promise<Record<string, string>> {
  const invocations = loadInvocations(d.invocations ?? []);
  const kind = invocations.length > 0 ? 'driver' : 'module';
  const recipes: ReproRecipe[] = [];
  const lines: Record<string, string> = { ...f.repro };
  for (const runtime of f.runtimes) {
    const adapter = createAdapter(runtime);
    const recipe = adapter ? await reproRecipe(adapter, kind) : undefined;
    await adapter?.close?.();
    if (recipe === undefined) continue;
    recipes.push(recipe);
    lines[runtime] = shellLine(recipe.argv);
  }
  writeReproFiles(out, module, invocations, recipes);
  return lines;
}

function render(f: FindingRecord, d: Details, repro: Record<string, string>, out: string | undefined): string {
  const lines = [
    `finding #${f.id}: ${f.kind} (${f.status}), seen ${f.count} time${f.count === 1 ? '' : 's'}, first ${f.firstSeen}, last ${f.lastSeen}`,
    `runtimes: ${f.runtimes.join(', ')}`,
    `summary: ${f.summary}`,
  ];
  if (d.at) lines.push(`at: ${d.at}${d.seenAt && d.seenAt.length > 1 ? ` (also ${d.seenAt.filter((s) => s !== d.at).join(', ')})` : ''}`);
  if (d.command) lines.push(`command: ${d.command}`);
  const invocations = d.invocations ?? [];
  if (invocations.length > 0) {
    // the values a maintainer needs to read the outcomes below, and the order the driver runs them in
    lines.push('invocations (in order, on one instance; a fresh one after a trap):');
    invocations.slice(0, SHOWN_INVOCATIONS).forEach((inv, k) => lines.push(`  ${k}: ${invocationText(inv)}`));
    if (invocations.length > SHOWN_INVOCATIONS) lines.push(`  ... and ${invocations.length - SHOWN_INVOCATIONS} more (all of them in driver.wasm: --out DIR)`);
  }
  if (d.expected) lines.push(`expected (script): ${d.expected}`);
  if (d.oracle) lines.push(`oracle (reference, same plan): ${d.oracle}`);
  for (const [runtime, actual] of Object.entries(d.actual ?? {})) lines.push(`actual (${runtime}): ${actual}`);
  const raw = d.raw;
  if (raw && (raw.stdout || raw.stderr)) {
    lines.push('raw output:');
    if (raw.stdout) lines.push(...indent(raw.stdout, 'stdout| '));
    if (raw.stderr) lines.push(...indent(raw.stderr, 'stderr| '));
  }
  lines.push('', f.wat ? f.wat.trimEnd() : '(no WAT: the module does not decode; see module.wasm)', '');
  lines.push(out ? `reproduce (files written to ${out}):` : 'reproduce (write the files first: wasmdiff show ' + f.id + ' --out DIR):');
  const dir = out ? resolve(out) : 'DIR';
  for (const [runtime, cmd] of Object.entries(repro)) lines.push(`  ${runtime}: cd ${dir} && ${cmd}`);
  if (Object.keys(repro).length === 0) lines.push('  (no command recorded)');
  return `${lines.join('\n')}\n`;
}

/** Invocations listed in full up to this many (a minimised finding has a few; a spec module's can have hundreds). */
const SHOWN_INVOCATIONS = 12;

function indent(text: string, prefix: string): string[] {
  return text.trimEnd().split('\n').slice(0, 20).map((l) => prefix + l);
}
