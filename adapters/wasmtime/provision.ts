// Wasmtime: a real `wasmtime` CLI when there is one, else what `runtimes
// install` gets here, npm wizer, which embeds Wasmtime. Wizer has no
// --version: the Wasmtime it embeds is read from the crate names compiled
// into the binary.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROBE_TIMEOUT_MS } from '../provision/ask-version.js';
import { runCommand } from '../provision/exec.js';
import type { Probe } from '../provision/probe.js';
import type { RuntimeSpec } from '../provision/registry.js';

const wizerBinary = `node_modules/@bytecodealliance/wizer-${process.platform}-${process.arch}/wizer`;

export const WASMTIME_RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'wasmtime',
    family: 'wasmtime',
    pathCommands: ['wasmtime'],
    acquisition: { method: 'npm-package', spec: '@bytecodealliance/wizer', binary: wizerBinary },
    howToInstall:
      'put `wasmtime` on PATH or set WASMDIFF_WASMTIME; otherwise wasmdiff runtimes install wasmtime (Wasmtime embedded in npm @bytecodealliance/wizer)',
  },
];

export async function probeWasmtime(command: readonly string[]): Promise<Probe> {
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
