// `wasmdiff report [--db FILE] -o report.html`: renders what the store holds
// (conformance matrix, findings, performance) as one self-contained HTML file.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadReportData } from '../../report/load-data.js';
import { renderHtml } from '../../../reports/render.js';
import { writeOutput } from '../../io/files.js';
import { addDbOption } from '../../store/db-option.js';
import { openStore } from '../../store/store.js';
import { UserError } from '../run.js';

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('write an HTML report (conformance matrix, findings, performance) from the result store')
    .requiredOption('-o, --output <file>', 'the HTML file to write');
  addDbOption(cmd).action((opts: { output: string; db: string }) => {
    // opening would create an empty database: a mistyped --db should say so instead
    if (!existsSync(opts.db)) throw new UserError(`report: no database at ${opts.db}; pass --db with the file wasmdiff spec/bench wrote`);
    const store = openStore(opts.db);
    try {
      writeOutput(opts.output, renderHtml(loadReportData(store)));
    } finally {
      store.close();
    }
    process.stdout.write(`wrote ${opts.output}\n`);
  });
}
