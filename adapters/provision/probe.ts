// Asks a runtime binary for its exact version by running it (a manifest can be
// stale; the binary cannot lie about itself). Wizer has no --version: the
// Wasmtime it embeds is read from the crate names compiled into the binary.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { quietNodeEnv, runCommand } from './exec.js';
import type { CliDialect } from './manifest.js';
import type { EngineFamily } from './registry.js';

export interface Probe {
  version: string;
  /** e.g. `Node v22.23.3`, `fast interpreter`, `Wasmtime 42.0.1 inside wizer 11.0.3`. */
  detail: string;
  dialect: CliDialect;
}

const PROBE_TIMEOUT_MS = 30_000;

export async function probeVersion(family: EngineFamily, command: readonly string[]): Promise<Probe> {
  switch (family) {
    case 'v8':
      return probeNode(command);
    case 'wasmtime':
      return probeWasmtime(command);
    case 'wamr':
      return probeByFlag(command, /iwasm\s+(\d+\.\d+\.\d+\S*)(?:\s+\(([^)]*)\))?/, 'iwasm', 'WAMR iwasm');
    case 'wasmedge':
      return probeByFlag(command, /wasmedge version\s+(\S+)/i, 'wasmedge', 'WasmEdge');
    case 'wasm3':
      return probeByFlag(command, /Wasm3 v(\S+)(.*)/, 'wasm3', 'Wasm3');
  }
}

async function probeNode(command: readonly string[]): Promise<Probe> {
  const script = 'process.stdout.write(process.versions.v8 + " " + process.version)';
  const out = await ask(command, ['-e', script], quietNodeEnv());
  const match = /^(\S+) (v\d+\.\d+\.\d+)$/.exec(out.trim());
  if (match === null) throw new Error(`unexpected answer from ${command[0]}: ${out.trim().slice(0, 80)}`);
  return { version: match[1]!, detail: `Node ${match[2]!}`, dialect: 'node' };
}

/** `major` of a probe's `Node vMAJOR.x.y` detail. */
export function nodeMajor(probe: Probe): number | undefined {
  const match = /Node v(\d+)\./.exec(probe.detail);
  return match === null ? undefined : Number(match[1]);
}

async function probeWasmtime(command: readonly string[]): Promise<Probe> {
  const result = await runCommand(command[0]!, [...command.slice(1), '--version'], { timeoutMs: PROBE_TIMEOUT_MS });
  const cli = /^wasmtime(?:-cli)?\s+(\d+\.\d+\.\d+\S*)/m.exec(result.stdout);
  if (result.exitCode === 0 && cli !== null) return { version: cli[1]!, detail: result.stdout.trim(), dialect: 'wasmtime' };
  return wizerEmbeddedVersion(command[command.length - 1]!);
}

function wizerEmbeddedVersion(binary: string): Probe {
  // latin1 keeps every byte as one char, so the regex sees the raw strings
  const bytes = readFileSync(binary).toString('latin1');
  if (!/wizer-\d+\.\d+\.\d+/.test(bytes)) throw new Error(`${binary} is neither a wasmtime CLI nor wizer`);
  const counts = new Map<string, number>();
  for (const m of bytes.matchAll(/\bwasmtime-(\d+\.\d+\.\d+)\b/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const version = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (version === undefined) throw new Error(`${binary}: cannot find the Wasmtime version wizer embeds`);
  const npmVersion = npmPackageVersion(binary);
  const inside = npmVersion === undefined ? 'wizer' : `npm wizer ${npmVersion}`;
  return { version, detail: `Wasmtime ${version} inside ${inside}`, dialect: 'wizer' };
}

/** The npm package version of a binary shipped in an npm package folder. */
function npmPackageVersion(binary: string): string | undefined {
  const pkg = join(dirname(binary), 'package.json');
  if (!existsSync(pkg)) return undefined;
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: unknown }).version;
  return typeof version === 'string' ? version : undefined;
}

async function probeByFlag(command: readonly string[], pattern: RegExp, dialect: CliDialect, engine: string): Promise<Probe> {
  const out = await ask(command, ['--version']);
  const match = pattern.exec(out);
  if (match === null) throw new Error(`${command[command.length - 1]} --version did not name ${engine}: ${out.trim().slice(0, 80)}`);
  const extra = (match[2] ?? '').trim();
  return { version: match[1]!, detail: extra === '' ? engine : `${engine}, ${extra}`, dialect };
}

async function ask(command: readonly string[], args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCommand(command[0]!, [...command.slice(1), ...args], { timeoutMs: PROBE_TIMEOUT_MS, env });
  if (result.exitCode !== 0) {
    throw new Error(`${command[command.length - 1]} ${args[0]} exited ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 120)}`);
  }
  return result.stdout + result.stderr;
}
