// The --db option every command that stores or reads results takes.
import { Option, type Command } from 'commander';

/** `wasmdiff.db` in the working folder, unless WASMDIFF_DB names another file. */
export function defaultDbPath(): string {
  return process.env.WASMDIFF_DB || 'wasmdiff.db';
}

export function addDbOption(cmd: Command): Command {
  // the default is resolved now, but shown as its rule rather than its value
  const option = new Option('--db <file>', 'the SQLite result store').default(defaultDbPath(), '$WASMDIFF_DB or ./wasmdiff.db');
  return cmd.addOption(option);
}
