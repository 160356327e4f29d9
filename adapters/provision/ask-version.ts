// The two ways a runtime binary is asked for its version, shared by the
// runtimes' own probes (<runtime>/provision.ts): `--version` read with a
// pattern, or any arguments whose answer must come with exit status 0.
import { runCommand } from './exec.js';
import type { CliDialect } from './manifest.js';
import type { Probe } from './probe.js';

export const PROBE_TIMEOUT_MS = 30_000;

export async function probeByFlag(command: readonly string[], pattern: RegExp, dialect: CliDialect, engine: string): Promise<Probe> {
  const out = await ask(command, ['--version']);
  const match = pattern.exec(out);
  if (match === null) throw new Error(`${command[command.length - 1]} --version did not name ${engine}: ${out.trim().slice(0, 80)}`);
  const extra = (match[2] ?? '').trim();
  return { version: match[1]!, detail: extra === '' ? engine : `${engine}, ${extra}`, dialect };
}

export async function ask(command: readonly string[], args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCommand(command[0]!, [...command.slice(1), ...args], { timeoutMs: PROBE_TIMEOUT_MS, env });
  if (result.exitCode !== 0) {
    throw new Error(`${command[command.length - 1]} ${args[0]} exited ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 120)}`);
  }
  return result.stdout + result.stderr;
}
