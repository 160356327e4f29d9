// The benchmark corpus as the harness sees it: committed WASI command
// modules (corpora/wasm/), each taking a size in argv[1] and printing one
// checksum line, with the checksum expected at the default size. Built and
// verified by build.ts (npm run corpus:build); no C toolchain needed to use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, parseChecksum, readManifest, sha256, type ManifestProgram } from './manifest.js';
import { buildNative, type NativeBuild } from './native.js';

export type { NativeBuild } from './native.js';

export { parseChecksum } from './manifest.js';

export interface CorpusProgram {
  name: string;
  description: string;
  /** The workload's character: float, f32, f64, i64, malloc, calls, interpreter, ... */
  tags: string[];
  /** What the size argument (argv[1]) controls. */
  sizeMeaning: string;
  /** Absolute path of the committed .wasm. */
  wasmPath: string;
  bytes: Uint8Array;
  defaultSize: number;
  /** What the program prints at defaultSize: 16 hex digits (compare with parseChecksum(stdout)). */
  expectedChecksum: string;
  /** A size that runs in well under a second, and its checksum. */
  smallSize: number;
  smallChecksum: string;
  /** Absolute path of the C source. */
  sourcePath: string;
  /** Nests calls ~3000 deep: interpreters may need a larger stack (see programs.ts). */
  deepStack: boolean;
}

/** Every program in the manifest, with its module read and checked against the recorded sha256. */
export function loadCorpus(): CorpusProgram[] {
  return readManifest().programs.map(toProgram);
}

function toProgram(entry: ManifestProgram): CorpusProgram {
  const wasmPath = join(CORPUS_DIR, entry.wasm);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(wasmPath));
  } catch {
    throw new Error(`cannot read ${wasmPath} (listed in corpora/manifest.json): rebuild with npm run corpus:build`);
  }
  if (sha256(bytes) !== entry.wasmSha256) {
    throw new Error(`${wasmPath} does not match its sha256 in corpora/manifest.json: rebuild with npm run corpus:build`);
  }
  return {
    name: entry.name,
    description: entry.description,
    tags: entry.tags,
    sizeMeaning: entry.sizeMeaning,
    wasmPath,
    bytes,
    defaultSize: entry.defaultSize,
    expectedChecksum: entry.expectedChecksum,
    smallSize: entry.smallSize,
    smallChecksum: entry.smallChecksum,
    sourcePath: join(CORPUS_DIR, entry.source),
    deepStack: entry.deepStack,
  };
}

/**
 * The native binary of a program (same C source, the native compiler), built
 * into corpora/native/ if it is missing or stale; undefined when no C
 * compiler is present or the build fails: the native baseline is then
 * unavailable, and nativeBuild(program).reason says why.
 */
export function nativeBinary(program: CorpusProgram): string | undefined {
  return nativeBuild(program).path;
}

/** As nativeBinary, with the reason when there is no binary. */
export function nativeBuild(program: CorpusProgram): NativeBuild {
  return buildNative(program.name, program.sourcePath);
}

/** True when stdout is exactly the checksum line the program should print. */
export function checksumMatches(stdout: string, expected: string): boolean {
  return parseChecksum(stdout) === expected;
}
