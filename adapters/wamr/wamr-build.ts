// WAMR from source: npm @grain/libiwasm vendors the WAMR VM sources (no
// iwasm command line), so wasmdiff packs it (never installs it: its
// dependencies are not on npm), unpacks it, and builds its own iwasm-compatible
// driver, iwasm/main.c, with cmake and gcc: one binary per interpreter mode.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../project.js';
import type { Acquired, InstallContext } from '../provision/acquire.js';
import { runChecked } from '../provision/exec.js';
import { findOnPath } from '../provision/locate.js';
import { npmPack } from '../provision/npm-package.js';

const CONFIGURE_TIMEOUT_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** The folder holding main.c and CMakeLists.txt (sources, also when running from dist/). */
export function wamrDriverDir(): string {
  return join(projectRoot(), 'adapters', 'wamr', 'iwasm');
}

/** sha256 of the driver sources (main.c, CMakeLists.txt) a build compiles: recorded in the manifest, compared on install. */
export function wamrSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of ['main.c', 'CMakeLists.txt']) hash.update(readFileSync(join(wamrDriverDir(), file)));
  return hash.digest('hex');
}

export async function buildWamr(ctx: InstallContext, pkg: string, fastInterp: boolean): Promise<Acquired> {
  for (const tool of ['cmake', 'gcc', 'make', 'tar']) {
    if (findOnPath(tool, ctx.env.PATH) === undefined) throw new Error(`${tool} is not on PATH (Debian: apt-get install cmake gcc make)`);
  }
  const mode = fastInterp ? 'fast interpreter' : 'classic interpreter';
  const src = join(ctx.dir, 'src');
  const build = join(ctx.dir, 'build');
  mkdirSync(src, { recursive: true });

  const packed = await npmPack(ctx, pkg, src);
  ctx.log(`unpacking ${packed.id}`);
  await runChecked('tar', ['-xzf', packed.tarball, '-C', src], { timeoutMs: CONFIGURE_TIMEOUT_MS });
  const wamrRoot = join(src, 'package', 'wasm-micro-runtime');
  if (!existsSync(join(wamrRoot, 'build-scripts', 'runtime_lib.cmake'))) {
    throw new Error(`${packed.id} does not contain the WAMR sources (wasm-micro-runtime/build-scripts)`);
  }
  const wamrVersion = readWamrVersion(wamrRoot);
  // WASI is how the harness reads results back (fd_write of raw bits): use it whenever the sources have it
  const hasWasi = existsSync(join(wamrRoot, 'core', 'iwasm', 'libraries', 'libc-wasi', 'libc_wasi.cmake'));
  if (!hasWasi) ctx.log('warning: these WAMR sources have no libc-wasi; building without WASI');

  const flags = [
    `-DWAMR_BUILD_FAST_INTERP=${fastInterp ? 1 : 0}`,
    '-DWAMR_BUILD_INTERP=1',
    '-DWAMR_BUILD_AOT=0',
    `-DWAMR_BUILD_LIBC_WASI=${hasWasi ? 1 : 0}`,
    '-DCMAKE_BUILD_TYPE=Release',
  ];
  ctx.log(`cmake configure: WAMR ${wamrVersion}, ${mode}`);
  await runChecked('cmake', ['-S', wamrDriverDir(), '-B', build, `-DWAMR_ROOT_DIR=${wamrRoot}`, ...flags], {
    timeoutMs: CONFIGURE_TIMEOUT_MS,
  });
  ctx.log(`cmake build with ${availableParallelism()} jobs (about a minute)`);
  await runChecked('cmake', ['--build', build, '--parallel', String(availableParallelism())], { timeoutMs: BUILD_TIMEOUT_MS });

  mkdirSync(join(ctx.dir, 'bin'), { recursive: true });
  copyFileSync(join(build, 'iwasm'), join(ctx.dir, 'bin', 'iwasm'));
  chmodSync(join(ctx.dir, 'bin', 'iwasm'), 0o755);
  // the binary is all that is needed; the tarball's integrity is kept in the manifest
  rmSync(src, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });

  return {
    method: 'wamr-build',
    binary: 'bin/iwasm',
    dialect: 'iwasm',
    obtainedBy: `npm pack ${pkg}; cmake ${flags.join(' ')} (driver: adapters/wamr/iwasm/main.c); cmake --build`,
    builtFrom: wamrSourceHash(),
    components: [`${packed.id} ${packed.integrity}`.trim(), `WAMR ${wamrVersion} ${mode}${hasWasi ? ' with libc-wasi' : ' without WASI'}`],
  };
}

function readWamrVersion(wamrRoot: string): string {
  const header = join(wamrRoot, 'core', 'version.h');
  if (!existsSync(header)) return 'unknown';
  const text = readFileSync(header, 'utf8');
  const part = (which: string) => new RegExp(`WAMR_VERSION_${which}\\s+(\\d+)`).exec(text)?.[1] ?? '?';
  return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
}
