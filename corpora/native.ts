// Native builds of the corpus programs, the baseline that wasm speed is
// expressed against. Built on demand into corpora/native/ (ignored by git),
// and rebuilt when the source, the shared header, the compiler or the flags
// change: a stamp file beside each binary records what it was built from.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CORPUS_DIR, HEADER_FILE, sha256 } from './manifest.js';
import { compileNative, nativeCompiler, NATIVE_FLAGS, type Compiler } from './toolchain.js';

export const NATIVE_DIR = join(CORPUS_DIR, 'native');

/** The compiler found once per process (probing runs a process). */
let compiler: Compiler | undefined | null = null;
function cachedCompiler(): Compiler | undefined {
  if (compiler === null) compiler = nativeCompiler();
  return compiler;
}

export interface NativeBuild {
  path?: string;
  /** Why there is no binary (no compiler, or the compile failed). */
  reason?: string;
  compiler?: string;
}

/** Builds (if needed) the native binary of a program from its C source; says why not when it cannot. */
export function buildNative(name: string, sourcePath: string, force = false): NativeBuild {
  const cc = cachedCompiler();
  if (!cc) return { reason: 'no C compiler found (set CC, or install gcc or clang)' };
  const stamp = [
    sha256(readFileSync(sourcePath)),
    sha256(readFileSync(join(CORPUS_DIR, HEADER_FILE))),
    cc.version,
    NATIVE_FLAGS.join(' '),
  ].join('\n');
  const binary = join(NATIVE_DIR, name);
  const stampPath = `${binary}.stamp`;
  if (!force && existsSync(binary) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) {
    return { path: binary, compiler: cc.version };
  }
  mkdirSync(NATIVE_DIR, { recursive: true });
  // The folder holds machine-specific binaries: keep it out of git without
  // touching the project's .gitignore.
  const ignore = join(NATIVE_DIR, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  // Compile beside the target and rename, so a failed or concurrent build
  // never leaves a half-written binary under the final name.
  const partial = `${binary}.${process.pid}.tmp`;
  const result = compileNative(cc, sourcePath, partial);
  if (!result.ok) return { reason: `${cc.command} failed on ${basename(sourcePath)}: ${result.message}`, compiler: cc.version };
  renameSync(partial, binary);
  writeFileSync(stampPath, stamp);
  return { path: binary, compiler: cc.version };
}
