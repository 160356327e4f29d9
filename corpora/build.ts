// npm run corpus:build [-- NAME...]: compiles every corpus program (or the
// named ones) for wasm32-wasi and natively, checks that the module on V8
// (node:wasi) prints the same checksum as the native binary at the small and
// the default size, and only then installs the modules in corpora/wasm/ and
// rewrites corpora/manifest.json. A disagreement or a failed compile changes
// nothing already committed. Prints each program's times, for calibrating the
// default sizes.
import { execaSync } from 'execa';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROGRAMS, type ProgramSpec } from './programs.js';
import { CORPUS_DIR, HEADER_FILE, MANIFEST_PATH, parseChecksum, readManifest, sha256, type Manifest, type ManifestProgram } from './manifest.js';
import { buildNative } from './native.js';
import { compileWasm, nativeCompiler, NATIVE_FLAGS, wasmCompiler, WASM_FLAGS, type Compiler } from './toolchain.js';
import { runWasiCommand } from './wasi-run.js';

const NATIVE_TIMEOUT_MS = 120_000;

interface Built {
  entry: ManifestProgram;
  /** The verified module, in the scratch folder until installed. */
  scratchWasm: string;
}

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !PROGRAMS.some((p) => p.name === n));
  if (unknown.length > 0) {
    return fail(`unknown program ${unknown.join(', ')}: the corpus has ${PROGRAMS.map((p) => p.name).join(', ')}`);
  }
  if (names.length > 0 && headerChanged()) {
    return fail(`${HEADER_FILE} changed since the manifest was written: rebuild every program (npm run corpus:build, no names)`);
  }
  const wasmCc = wasmCompiler();
  if (!wasmCc) return fail('clang not found: install clang, lld, wasi-libc and libclang-rt-dev-wasm32 (Debian), or set WASMDIFF_WASM_CC');
  const nativeCc = nativeCompiler();
  if (!nativeCc) return fail('no native C compiler found (set CC, or install gcc): the expected checksums come from the native build');
  console.log(`wasm:   ${wasmCc.version} ${WASM_FLAGS.join(' ')}`);
  console.log(`native: ${nativeCc.version} ${NATIVE_FLAGS.join(' ')}`);

  const selected = names.length > 0 ? PROGRAMS.filter((p) => names.includes(p.name)) : PROGRAMS;
  const scratch = mkdtempSync(join(tmpdir(), 'wasmdiff-corpus-'));
  try {
    const built: Built[] = [];
    const problems: string[] = [];
    for (const spec of selected) {
      const result = await buildOne(spec, wasmCc, scratch);
      if (typeof result === 'string') problems.push(`${spec.name}: ${result}`);
      else built.push(result);
    }
    if (problems.length > 0) {
      for (const p of problems) console.error(`corpus:build: ${p}`);
      return fail(`${problems.length} program(s) failed; nothing was installed`);
    }
    install(built, nativeCc);
    console.log(`wrote ${built.length} module(s) to corpora/wasm/ and corpora/manifest.json`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Compiles one program both ways and cross-checks it; a string says what went wrong. */
async function buildOne(spec: ProgramSpec, wasmCc: Compiler, scratch: string): Promise<Built | string> {
  const source = `src/${spec.name}.c`;
  const sourcePath = join(CORPUS_DIR, source);
  if (!existsSync(sourcePath)) return `${source} is missing`;
  const scratchWasm = join(scratch, `${spec.name}.wasm`);
  const compiled = compileWasm(wasmCc, sourcePath, scratchWasm);
  if (!compiled.ok) return `clang (wasm32-wasi) failed: ${compiled.message}`;
  const native = buildNative(spec.name, sourcePath, true);
  if (!native.path) return native.reason ?? 'native build failed';

  const bytes = new Uint8Array(readFileSync(scratchWasm));
  const checksums: string[] = [];
  const timings: string[] = [];
  for (const size of [spec.smallSize, spec.defaultSize]) {
    const nativeRun = runNative(native.path, size);
    if (typeof nativeRun === 'string') return `native at size ${size}: ${nativeRun}`;
    const wasmRun = await runWasiCommand(scratchWasm, [String(size)]);
    const wasmChecksum = wasmRun.exitCode === 0 ? parseChecksum(wasmRun.stdout) : undefined;
    if (wasmChecksum !== nativeRun.checksum) {
      const got = wasmRun.exitCode === 0 ? JSON.stringify(wasmRun.stdout) : `exit ${wasmRun.exitCode}: ${wasmRun.stderr.trim()}`;
      return `at size ${size} native prints ${nativeRun.checksum} but V8 (node:wasi) ${got}`;
    }
    checksums.push(nativeRun.checksum);
    timings.push(`size ${size}: native ${nativeRun.ms.toFixed(0)} ms, V8 ${wasmRun.executeMs.toFixed(0)} ms (cpu ${wasmRun.cpuMs.toFixed(0)})`);
  }
  console.log(`${spec.name.padEnd(13)} ${String(bytes.length).padStart(6)} B  ${checksums[1]}  ${timings.join('; ')}`);
  return {
    scratchWasm,
    entry: {
      name: spec.name,
      description: spec.description,
      tags: spec.tags,
      sizeMeaning: spec.sizeMeaning,
      source,
      sourceSha256: sha256(readFileSync(sourcePath)),
      wasm: `wasm/${spec.name}.wasm`,
      wasmSha256: sha256(bytes),
      wasmBytes: bytes.length,
      compiler: wasmCc.version,
      flags: WASM_FLAGS,
      defaultSize: spec.defaultSize,
      expectedChecksum: checksums[1]!,
      smallSize: spec.smallSize,
      smallChecksum: checksums[0]!,
      deepStack: spec.deepStack ?? false,
    },
  };
}

function runNative(binary: string, size: number): { checksum: string; ms: number } | string {
  const start = performance.now();
  const result = execaSync(binary, [String(size)], { reject: false, timeout: NATIVE_TIMEOUT_MS });
  const ms = performance.now() - start;
  if (result.timedOut) return `timed out after ${NATIVE_TIMEOUT_MS / 1000} s`;
  if (result.failed || result.exitCode !== 0) return `exit ${result.exitCode ?? result.signal}: ${String(result.stderr).trim()}`;
  const checksum = parseChecksum(`${String(result.stdout)}\n`);
  return checksum ? { checksum, ms } : `printed ${JSON.stringify(result.stdout)}, not one checksum line`;
}

/** Moves the verified modules into place and merges their entries into the manifest. */
function install(built: Built[], nativeCc: Compiler): void {
  const previous = existsSync(MANIFEST_PATH) ? readManifest().programs : [];
  const byName = new Map(previous.map((p) => [p.name, p] as const));
  for (const b of built) byName.set(b.entry.name, b.entry);
  // Keep the order of programs.ts; drop entries for programs no longer in it.
  const programs = PROGRAMS.flatMap((p) => byName.get(p.name) ?? []);
  mkdirSync(join(CORPUS_DIR, 'wasm'), { recursive: true });
  for (const b of built) copyFileSync(b.scratchWasm, join(CORPUS_DIR, b.entry.wasm));
  const manifest: Manifest = {
    format: 1,
    header: { file: HEADER_FILE, sha256: sha256(readFileSync(join(CORPUS_DIR, HEADER_FILE))) },
    wasiLibc: wasiLibcVersion(),
    nativeCompiler: nativeCc.version,
    nativeFlags: NATIVE_FLAGS,
    programs,
  };
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
}

function headerChanged(): boolean {
  if (!existsSync(MANIFEST_PATH)) return true;
  return readManifest().header.sha256 !== sha256(readFileSync(join(CORPUS_DIR, HEADER_FILE)));
}

/** The Debian wasi-libc package version, or 'unknown' off Debian. */
function wasiLibcVersion(): string {
  const result = execaSync('dpkg-query', ['-W', '-f', '${Version}', 'wasi-libc'], { reject: false });
  return !result.failed && result.exitCode === 0 ? `wasi-libc ${String(result.stdout).trim()} (Debian)` : 'unknown';
}

function fail(message: string): number {
  console.error(`corpus:build: ${message}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
