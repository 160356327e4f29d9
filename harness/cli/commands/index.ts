// Every subcommand of `wasmdiff`, registered in the order `--help` lists them.
import type { Command } from 'commander';
import { registerBench } from './bench.js';
import { registerConvert } from './convert.js';
import { registerFindings } from './findings.js';
import { registerFuzz } from './fuzz.js';
import { registerMerge } from './merge.js';
import { registerNightly } from './nightly.js';
import { registerReport } from './report.js';
import { registerRuntimes } from './runtimes.js';
import { registerShow } from './show.js';
import { registerSpec } from './spec.js';

export function registerCommands(program: Command): void {
  registerConvert(program);
  registerReport(program);
  registerRuntimes(program);
  registerSpec(program);
  registerFindings(program);
  registerFuzz(program);
  registerBench(program);
  registerShow(program);
  registerMerge(program);
  registerNightly(program);
}
