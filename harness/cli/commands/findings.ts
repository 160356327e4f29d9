// `wasmdiff findings [--db FILE] [--json] [--status S] [--runtime R] [--kind K]`:
// lists the stored findings (causes), most recently seen first: id, kind,
// runtimes, how often seen, first and last seen, and the one-line summary;
// with --json also the cause (family, culprit, operand class) and whether it is a note.
import type { Command } from 'commander';
import { table } from '../../conformance/print.js';
import { addDbOption } from '../../store/db-option.js';
import { FINDING_STATUSES, openStore, type FindingRecord } from '../../store/store.js';
import { UserError } from '../run.js';
import { isNote } from '../../findings/contract.js';

interface FindingsOptions {
  db: string;
  json?: boolean;
  status?: string;
  runtime?: string;
  kind?: string;
}

export function registerFindings(program: Command): void {
  const cmd = program
    .command('findings')
    .description('list stored findings (divergences from the oracle), most recently seen first')
    .option('--json', 'print the findings as one JSON document')
    .option('--status <status>', `only findings with this status (${FINDING_STATUSES.join(', ')})`)
    .option('--runtime <id>', 'only findings where this runtime diverges')
    .option('--kind <kind>', 'only findings of this kind (wrong-result, wrong-trap, missing-trap, ...)');
  addDbOption(cmd).action((opts: FindingsOptions) => {
    if (opts.status !== undefined && !(FINDING_STATUSES as readonly string[]).includes(opts.status)) {
      throw new UserError(`findings: --status must be one of ${FINDING_STATUSES.join(', ')}, got ${opts.status}`);
    }
    const store = openStore(opts.db);
    try {
      const found = store
        .listFindings({ ...(opts.status ? { status: opts.status } : {}), ...(opts.runtime ? { runtime: opts.runtime } : {}), ...(opts.kind ? { kind: opts.kind } : {}) })
        .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || b.id - a.id);
      if (opts.json) process.stdout.write(`${JSON.stringify(found.map(listed), null, 2)}\n`);
      else process.stdout.write(found.length === 0 ? 'no findings\n' : table(['id', 'kind', 'runtimes', 'count', 'status', 'first seen', 'last seen', 'summary'], found.map(row)));
    } finally {
      store.close();
    }
  });
}

function listed(f: FindingRecord) {
  return {
    id: f.id, kind: f.kind, note: isNote(f.kind), family: f.family, culprit: f.culprit, operandClass: f.operandClass, runtimes: f.runtimes, members: f.members,
    count: f.count, status: f.status, firstSeen: f.firstSeen, lastSeen: f.lastSeen, summary: f.summary,
  };
}

function row(f: FindingRecord): string[] {
  return [String(f.id), f.kind, f.runtimes.join(','), String(f.count), f.status, f.firstSeen.slice(0, 19), f.lastSeen.slice(0, 19), f.summary];
}
