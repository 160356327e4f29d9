// The small record kept beside each runtime installed in the project folder.
// Paths in it are relative to that folder, so the checkout can move. It is
// written last, so an install that failed half-way leaves no manifest.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

export type AcquisitionMethod = 'npm-package' | 'wamr-build' | 'debian-extract';

/** Which command-line dialect the binary speaks (the adapters parse it). */
export type CliDialect = 'node' | 'wasmtime' | 'wizer' | 'iwasm' | 'wasmedge' | 'wasm3';

export interface Manifest {
  name: string;
  /** The version the binary reported when it was installed. */
  version: string;
  /** More about the version, e.g. `Node v22.23.3` or `fast interpreter`. */
  versionDetail: string;
  method: AcquisitionMethod;
  /** How it was obtained, in words a user can repeat by hand. */
  obtainedBy: string;
  dialect: CliDialect;
  /** The executable, relative to the install folder. */
  binary: string;
  /** When the binary must run through a bundled dynamic loader (Debian extracts). */
  loader?: { interpreter: string; libraryPath: string[] };
  /** Packages or sources that went in, with versions. */
  components: string[];
  /** sha256 of the wasmdiff sources the binary was compiled from (WAMR's main.c): other current sources make it stale. */
  builtFrom?: string;
  /** A request server built beside the runtime (serve protocol), run through the same loader. */
  serve?: ServeRecord;
  installedAt: string;
  installSeconds: number;
  sizeBytes: number;
}

export interface ServeRecord {
  /** The server executable, relative to the install folder. */
  binary: string;
  /** sha256 of the source it was compiled from: a different current source makes it stale. */
  builtFrom: string;
}

export function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return isManifest(data) ? data : undefined;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const file = join(dir, MANIFEST_FILE);
  // write-then-rename: a reader never sees half a manifest
  writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The command (argv prefix) that runs an installed binary. */
export function manifestCommand(dir: string, manifest: Pick<Manifest, 'binary' | 'loader'>): string[] {
  const binary = join(dir, manifest.binary);
  if (manifest.loader === undefined) return [binary];
  const libs = manifest.loader.libraryPath.map((p) => join(dir, p)).join(':');
  return [join(dir, manifest.loader.interpreter), '--library-path', libs, binary];
}

function isManifest(data: unknown): data is Manifest {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return (
    typeof m.name === 'string' &&
    typeof m.version === 'string' &&
    typeof m.method === 'string' &&
    typeof m.dialect === 'string' &&
    typeof m.binary === 'string' &&
    Array.isArray(m.components) &&
    typeof m.installedAt === 'string' &&
    (m.serve === undefined || isServeRecord(m.serve))
  );
}

function isServeRecord(data: unknown): data is ServeRecord {
  if (typeof data !== 'object' || data === null) return false;
  const s = data as Record<string, unknown>;
  return typeof s.binary === 'string' && typeof s.builtFrom === 'string';
}
