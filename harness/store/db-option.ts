// The --db option every command that stores or reads results takes.
import type { Command } from 'commander';

/** `wasmdiff.db` in the working folder, unless WASMDIFF_DB names another file. */
export function defaultDbPath(): string {
  return process.env.WASMDIFF_DB || 'wasmdiff.db';
}

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <file>', 'the SQLite result store (default: $WASMDIFF_DB or ./wasmdiff.db)', defaultDbPath());
}
