// The C compilers the corpus is built with: clang for wasm32-wasi (the
// committed modules) and any native compiler for the baseline. Both compile
// the same source with the same float rules (-ffp-contract=off: no fused
// multiply-add, so checksums agree bit for bit).
import { execaSync } from 'execa';

export const WASM_FLAGS = ['--target=wasm32-wasi', '-O2', '-mcpu=mvp', '-ffp-contract=off', '-Wall', '-Wextra', '-Wl,--strip-all'];
export const NATIVE_FLAGS = ['-O2', '-ffp-contract=off', '-Wall', '-Wextra'];
/** Linked after the source: nbody and spectralnorm call sqrt. */
const NATIVE_LIBS = ['-lm'];

export interface Compiler {
  command: string;
  /** The first line of `command --version`, as recorded in the manifest. */
  version: string;
}

/** The compiler's version line, or undefined when it cannot be run. */
function probe(command: string): Compiler | undefined {
  const result = execaSync(command, ['--version'], { reject: false, timeout: 10_000 });
  if (result.failed || result.exitCode !== 0) return undefined;
  const version = String(result.stdout).split('\n')[0]?.trim();
  return version ? { command, version } : undefined;
}

/** clang (or $WASMDIFF_WASM_CC) for wasm32-wasi; undefined when absent. */
export function wasmCompiler(): Compiler | undefined {
  return probe(process.env.WASMDIFF_WASM_CC ?? 'clang');
}

/** $CC, else the first of cc, gcc, clang that runs; undefined when none does. */
export function nativeCompiler(): Compiler | undefined {
  const candidates = process.env.CC ? [process.env.CC] : ['cc', 'gcc', 'clang'];
  for (const command of candidates) {
    const found = probe(command);
    if (found) return found;
  }
  return undefined;
}

export interface CompileResult {
  ok: boolean;
  /** The compiler's diagnostics when it failed (warnings are not kept). */
  message: string;
}

export function compileWasm(cc: Compiler, source: string, output: string): CompileResult {
  return compile(cc.command, [...WASM_FLAGS, '-o', output, source]);
}

export function compileNative(cc: Compiler, source: string, output: string): CompileResult {
  return compile(cc.command, [...NATIVE_FLAGS, '-o', output, source, ...NATIVE_LIBS]);
}

function compile(command: string, args: string[]): CompileResult {
  const result = execaSync(command, args, { reject: false, timeout: 120_000 });
  const ok = !result.failed && result.exitCode === 0;
  const message = ok ? '' : (String(result.stderr).trim().split('\n')[0] ?? result.shortMessage);
  return { ok, message };
}
