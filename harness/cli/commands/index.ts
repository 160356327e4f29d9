// Every subcommand of `wasmdiff`, registered in the order `--help` lists them.
import type { Command } from 'commander';
import { registerConvert } from './convert.js';
import { registerRuntimes } from './runtimes.js';
import { registerSpec } from './spec.js';

export function registerCommands(program: Command): void {
  registerConvert(program);
  registerRuntimes(program);
  registerSpec(program);
}
