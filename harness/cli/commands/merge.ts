// `wasmdiff merge [--db TARGET] [--json] SOURCE...`: merges result stores
// written elsewhere (CI shards, other machines) into one, findings by
// signature (see harness/store/merge.ts for the rules). Exit 0 when merged,
// 2 for a source or target the store cannot use (nothing already stored in
// the target is lost: each source is one transaction).
import type { Command } from 'commander';
import { addDbOption } from '../../store/db-option.js';
import { mergeStores } from '../../store/merge.js';

export function registerMerge(program: Command): void {
  const cmd = program
    .command('merge')
    .description('merge result stores (runs, outcomes, spec results, timings, coverage, findings) into the --db store')
    .argument('<sources...>', 'wasmdiff.db files to merge from; they are read, not changed')
    .option('--json', 'print {findings, runs, target} as JSON');
  addDbOption(cmd).action((sources: string[], opts: { db: string; json?: boolean }) => {
    const merged = mergeStores(sources, opts.db);
    if (opts.json === true) process.stdout.write(`${JSON.stringify({ ...merged, target: opts.db })}\n`);
    else
      process.stdout.write(
        `merged ${merged.runs} run(s) and ${merged.findings} new or changed finding(s) from ${sources.length} store(s) into ${opts.db}\n`,
      );
  });
}
