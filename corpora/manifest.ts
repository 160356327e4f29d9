// corpora/manifest.json: what build.ts produced and verified, so that users
// need no C toolchain. Paths in it are relative to the corpora/ folder.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ManifestProgram {
  name: string;
  description: string;
  tags: string[];
  sizeMeaning: string;
  /** The C source, relative to corpora/, and its sha256 (hex). */
  source: string;
  sourceSha256: string;
  /** The committed module, relative to corpora/, its sha256 and size in bytes. */
  wasm: string;
  wasmSha256: string;
  wasmBytes: number;
  compiler: string;
  flags: string[];
  defaultSize: number;
  /** 16 hex digits: what the program prints at defaultSize (native build, cross-checked on V8). */
  expectedChecksum: string;
  smallSize: number;
  smallChecksum: string;
  deepStack: boolean;
}

export interface Manifest {
  format: 1;
  /** The header every source includes: a change to it changes every program. */
  header: { file: string; sha256: string };
  /** The wasi-libc the modules were linked with (Debian package version), when known. */
  wasiLibc: string;
  /** The native compiler that produced the expected checksums. */
  nativeCompiler: string;
  nativeFlags: string[];
  programs: ManifestProgram[];
}

/**
 * The corpora/ source folder, both when running from source (tsx) and from
 * the compiled dist/corpora/ (which holds no sources or modules).
 */
export const CORPUS_DIR = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  return existsSync(join(here, 'src')) ? here : join(here, '..', '..', 'corpora');
})();

export const MANIFEST_PATH = join(CORPUS_DIR, 'manifest.json');
export const HEADER_FILE = 'src/corpus.h';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One checksum line as the programs print it: 16 lowercase hex digits. */
export function parseChecksum(stdout: string): string | undefined {
  const match = /^([0-9a-f]{16})\n$/.exec(stdout);
  return match?.[1];
}

export function readManifest(): Manifest {
  let text: string;
  try {
    text = readFileSync(MANIFEST_PATH, 'utf8');
  } catch {
    throw new Error(`cannot read ${MANIFEST_PATH}: rebuild it with npm run corpus:build`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (err) {
    throw new Error(`${MANIFEST_PATH} is not valid JSON (${(err as Error).message}): rebuild it with npm run corpus:build`);
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.programs)) {
    throw new Error(`${MANIFEST_PATH}: unknown format: rebuild it with npm run corpus:build`);
  }
  return manifest;
}
