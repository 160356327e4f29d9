// `wasmdiff runtimes [--json]`: every adapter with its version and probed
// features; `wasmdiff runtimes install [NAMES...]` and `runtimes list [--json]`:
// obtain the WebAssembly runtimes wasmdiff drives, and show where each is.
import type { Command } from 'commander';
import { adapterInventory, formatInventory } from '../../../adapters/inventory.js';
import { installRuntimes, isFailure, type InstallOutcome } from '../../../adapters/provision/install.js';
import { defaultLocateContext } from '../../../adapters/provision/locate.js';
import { RUNTIMES, runtimeSpec, type RuntimeSpec } from '../../../adapters/provision/registry.js';
import { allRuntimeStatuses, type RuntimeStatus } from '../../../adapters/provision/status.js';
import { UserError } from '../run.js';

export function registerRuntimes(program: Command): void {
  const runtimes = program
    .command('runtimes')
    .description('list every adapter (found or not, version, probed features); install and list runtimes')
    .option('--json', 'print the adapters as JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await adapterInventory((id) => process.stderr.write(`probing ${id}...\n`));
      process.stdout.write(opts.json === true ? `${JSON.stringify(rows, null, 2)}\n` : formatInventory(rows));
    });

  runtimes
    .command('install')
    .description(
      'install runtimes into <project>/.wasmdiff/runtimes (default: every installable one); ' +
        'a runtime already found through WASMDIFF_<NAME>, PATH or an earlier install is left alone',
    )
    .argument('[names...]', `runtimes to install: ${RUNTIMES.map((r) => r.name).join(', ')}`)
    .option('--force', 'reinstall into the project folder even when a working copy is found')
    .action(async (names: string[], opts: { force?: boolean }) => {
      const specs = names.length === 0 ? RUNTIMES.filter((r) => r.acquisition !== undefined) : names.map(requireSpec);
      const outcomes = await installRuntimes(
        specs,
        { ...defaultLocateContext(), force: opts.force === true, log: (line) => process.stderr.write(`${line}\n`) },
        (outcome) => process.stdout.write(`${formatOutcome(outcome)}\n`),
      );
      if (outcomes.some(isFailure)) process.exitCode = 1;
    });

  runtimes
    .command('list')
    .description('show every known runtime: where it is found, its exact version, and how to get the missing ones')
    .option('--json', 'print the same as JSON')
    .action(async (opts: { json?: boolean }) => {
      const statuses = await allRuntimeStatuses(defaultLocateContext());
      process.stdout.write(opts.json === true ? `${JSON.stringify(statuses.map(toJson), null, 2)}\n` : formatTable(statuses));
    });
}

function requireSpec(name: string): RuntimeSpec {
  const spec = runtimeSpec(name);
  if (spec === undefined) throw new UserError(`unknown runtime '${name}' (known: ${RUNTIMES.map((r) => r.name).join(', ')})`);
  return spec;
}

const OUTCOME_WORDS: Record<InstallOutcome['status'], string> = {
  installed: 'installed',
  'already-installed': 'already installed',
  available: 'available',
  'not-installable': 'NOT INSTALLABLE',
  failed: 'FAILED',
};

function formatOutcome(outcome: InstallOutcome): string {
  return `${outcome.name}: ${OUTCOME_WORDS[outcome.status]}: ${outcome.message}`;
}

function toJson(status: RuntimeStatus) {
  const found = status.found;
  return {
    name: status.name,
    installed: found !== undefined,
    source: found?.source ?? null,
    binary: found?.binary ?? null,
    command: found?.command ?? null,
    dialect: found?.probe.dialect ?? null,
    version: found?.probe.version ?? null,
    versionDetail: found?.probe.detail ?? null,
    manifest: found?.manifest ?? null,
    envVar: status.envVar,
    installable: status.installable,
    howToInstall: found === undefined ? status.howToInstall : null,
    notes: status.notes,
  };
}

function formatTable(statuses: RuntimeStatus[]): string {
  const rows = statuses.map((s) => {
    const f = s.found;
    return f === undefined
      ? [s.name, 'missing', '-', '-', s.howToInstall]
      : [s.name, 'ok', sourceWord(s), `${f.probe.version} (${f.probe.detail})`, f.binary];
  });
  const header = ['runtime', 'status', 'found via', 'version', 'location / how to install'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const notes = statuses.flatMap((s) => s.notes.map((n) => `  ${s.name}: ${n}`));
  return [line(header), ...rows.map(line), ...(notes.length > 0 ? ['', 'notes:', ...notes] : []), ''].join('\n');
}

function sourceWord(status: RuntimeStatus): string {
  switch (status.found?.source) {
    case 'env':
      return status.envVar;
    case 'path':
      return 'PATH';
    default:
      return 'install folder';
  }
}
