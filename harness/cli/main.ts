#!/usr/bin/env node
// The one `wasmdiff` binary: each subcommand lives in its own file under
// commands/ and registers itself on the program here.
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { runCli } from './run.js';

const program = new Command('wasmdiff')
  .description('Differential testing and benchmarking of WebAssembly runtimes against a spec-faithful reference interpreter')
  .option('--verbose', 'print stack traces for errors')
  .showHelpAfterError();

registerCommands(program);
await runCli(program, process.argv);
