// Every child process of provisioning goes through here: execa with an
// argument array (never a shell), a timeout, and a failure turned into one
// line that says which command failed and why.
import { execa } from 'execa';

export interface RunOptions {
  cwd?: string;
  /** Milliseconds before the process is killed. */
  timeoutMs: number;
  /** The environment; replaces process.env entirely when given. */
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs a command and resolves with its output, whatever its exit status. */
export async function runCommand(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const result = await execa(file, args, {
    cwd: opts.cwd,
    timeout: opts.timeoutMs,
    env: opts.env,
    extendEnv: opts.env === undefined,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  if (result.timedOut) throw new Error(`${describe(file, args)} timed out after ${Math.round(opts.timeoutMs / 1000)} s`);
  if (result.exitCode === undefined) {
    throw new Error(`${describe(file, args)} could not run: ${oneLine(result.stderr || result.shortMessage || 'spawn failed')}`);
  }
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}

/** Runs a command that must succeed; a failure throws with its last stderr line. */
export async function runChecked(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const result = await runCommand(file, args, opts);
  if (result.exitCode !== 0) {
    const why = lastLine(result.stderr) || lastLine(result.stdout) || 'no output';
    throw new Error(`${describe(file, args)} exited ${result.exitCode}: ${why}`);
  }
  return result;
}

/** The environment without the variables that slow every Node start down. */
export function quietNodeEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.NODE_EXTRA_CA_CERTS;
  delete copy.NODE_OPTIONS;
  return copy;
}

function describe(file: string, args: readonly string[]): string {
  const shown = [file, ...args.slice(0, 3)].join(' ');
  return `\`${args.length > 3 ? `${shown} ...` : shown}\``;
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? '' : oneLine(lines[lines.length - 1]!);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
