// `wasmdiff merge [--db TARGET | -o TARGET] [--json] SOURCE...` (`merge A.db B.db -o ALL.db`): merges result stores
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
    .option('--json', 'print {findings, runs, target} as JSON')
    .option('-o, --output <file>', 'the target store, the same as --db (wasmdiff merge A.db B.db -o ALL.db)');
  addDbOption(cmd).action((sources: string[], opts: { db: string; output?: string; json?: boolean }) => {
    const target = opts.output ?? opts.db;
    const merged = mergeStores(sources, target);
    if (opts.json === true) process.stdout.write(`${JSON.stringify({ ...merged, target })}\n`);
    else
      process.stdout.write(
        `merged ${merged.runs} run(s) and ${merged.findings} new or changed finding(s) from ${sources.length} store(s) into ${target}\n`,
      );
  });
}
