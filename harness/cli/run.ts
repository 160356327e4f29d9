// Runs the CLI and turns every error into one clear line and an exit status:
// 2 for bad input or usage, the command's own status otherwise. A stack trace
// appears only with --verbose.
import { CommanderError, type Command } from 'commander';
import { WasmError, ParseError } from '../../reference-runtime/errors.js';

import { UserError } from '../../adapters/project.js';

export { UserError };

export async function runCli(program: Command, argv: string[]): Promise<void> {
  // usage errors must reach the catch below, from every subcommand, as one line
  const overrideAll = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.showHelpAfterError(false);
    cmd.configureOutput({ outputError: (text, write) => write(usageLine(cmd, text)) });
    cmd.commands.forEach(overrideAll);
  };
  overrideAll(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed its own message (or help/version)
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const verbose = program.opts().verbose === true;
    process.stderr.write(`wasmdiff: ${describeError(err)}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  }
}

export function describeError(err: unknown): string {
  if (err instanceof ParseError) return err.describe();
  if (err instanceof WasmError || err instanceof UserError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Commander's usage error as one line: what is wrong, where, and where the usage is. */
function usageLine(cmd: Command, text: string): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  const what = text.replace(/^error:\s*/, '').replace(/\s+/g, ' ').trim();
  return `${names[0]}: ${what} (see \`${names.join(' ')} --help\`)\n`;
}
