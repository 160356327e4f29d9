// wasmedge-serve (serve.c): WasmEdge's request server, compiled at install
// time with the host's gcc against the headers of the -dev package and the
// libwasmedge.so.0 unpacked in the private prefix. The library needs the
// prefix's glibc (newer than the host's), so the link allows its undefined
// symbols and the server runs through the prefix's loader, as wasmedge does.
// The manifest records the sha256 of the serve.c it was built from: after
// serve.c changes, the built server is stale, never used, and rebuilt by
// `wasmdiff runtimes install wasmedge`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../project.js';
import type { InstallContext } from '../provision/acquire.js';
import { runChecked } from '../provision/exec.js';
import { findOnPath } from '../provision/locate.js';
import { manifestCommand, writeManifest, type Manifest, type ServeRecord } from '../provision/manifest.js';

/** The server executable, relative to the install folder (bin/ has its launcher script, for running it by hand). */
export const SERVE_BINARY = 'libexec/wasmedge-serve';
export const SERVE_NAME = 'wasmedge-serve';
const COMPILE_TIMEOUT_MS = 3 * 60_000;
const CHECK_TIMEOUT_MS = 60_000;

type Loader = NonNullable<Manifest['loader']>;

/** serve.c among the sources (also when running from dist/). */
export function serveSource(): string {
  return join(projectRoot(), 'adapters', 'wasmedge', 'serve.c');
}

/** sha256 of the current serve.c, or undefined when the sources are not there. */
export function serveSourceHash(): string | undefined {
  const file = serveSource();
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined;
}

/**
 * Compiles serve.c into the install folder `dir` (prefix in `dir/root`).
 * Returns undefined, after a log line saying why and what follows, when it
 * cannot be built: the runtime is then installed without it.
 */
export async function buildServe(ctx: InstallContext, loader: Loader): Promise<ServeRecord | undefined> {
  const without = (why: string): undefined => {
    ctx.log(`${why}: installing without ${SERVE_NAME}; wasmdiff will run one wasmedge process per run`);
    return undefined;
  };
  const gcc = findOnPath('gcc', ctx.env.PATH);
  if (gcc === undefined) return without('gcc is not on PATH (Debian: apt-get install gcc)');
  const builtFrom = serveSourceHash();
  if (builtFrom === undefined) return without(`${serveSource()} is missing`);
  const include = join(ctx.dir, 'root', 'usr', 'include');
  if (!existsSync(join(include, 'wasmedge', 'wasmedge.h'))) return without(`no wasmedge/wasmedge.h in ${include}`);
  const libDirs = loader.libraryPath.map((p) => join(ctx.dir, p));
  const library = libDirs.map((d) => join(d, 'libwasmedge.so.0')).find((f) => existsSync(f));
  if (library === undefined) return without('no libwasmedge.so.0 in the unpacked packages');

  const output = join(ctx.dir, SERVE_BINARY);
  mkdirSync(dirname(output), { recursive: true });
  ctx.log(`gcc: compiling ${SERVE_NAME} (adapters/wasmedge/serve.c) against the unpacked libwasmedge`);
  try {
    await runChecked(
      gcc,
      // the library's own glibc symbols resolve at run time, through the prefix's loader
      ['-O2', '-Wall', '-o', output, serveSource(), `-I${include}`, library, '-Wl,--allow-shlib-undefined', `-Wl,-rpath-link,${libDirs.join(':')}`],
      { timeoutMs: COMPILE_TIMEOUT_MS, env: ctx.env },
    );
    // an empty request stream: the server starts, reads EOF, exits 0
    const [file, ...args] = manifestCommand(ctx.dir, { binary: SERVE_BINARY, loader });
    await runChecked(file!, [...args, '--serve'], { timeoutMs: CHECK_TIMEOUT_MS });
  } catch (err) {
    return without(`${SERVE_NAME} could not be built: ${(err as Error).message}`);
  }
  return { binary: SERVE_BINARY, builtFrom };
}

/** What the server of an installed runtime offers: its argv when usable, else why not. */
export interface ServeState {
  command?: string[];
  /** The server was built from another serve.c than the current one. */
  stale: boolean;
  note?: string;
}

export function installedServe(dir: string, manifest: Manifest): ServeState {
  const serve = manifest.serve;
  if (serve === undefined || manifest.loader === undefined) {
    return { stale: false, note: `${dir} was installed without ${SERVE_NAME} (one process per run); \`wasmdiff runtimes install --force ${manifest.name}\` retries` };
  }
  const current = serveSourceHash();
  if (current !== undefined && current !== serve.builtFrom) {
    return { stale: true, note: `${SERVE_NAME} in ${dir} was built from an older serve.c (one process per run until \`wasmdiff runtimes install ${manifest.name}\` rebuilds it)` };
  }
  if (!existsSync(join(dir, serve.binary))) return { stale: true, note: `${join(dir, serve.binary)} is missing: \`wasmdiff runtimes install ${manifest.name}\` rebuilds it` };
  return { command: manifestCommand(dir, { binary: serve.binary, loader: manifest.loader }), stale: false };
}

/**
 * For `runtimes install` on an existing install: rebuilds a stale server and
 * rewrites the manifest. Returns the new manifest, or undefined when the
 * server was not stale.
 */
export async function rebuildStaleServe(ctx: InstallContext, manifest: Manifest): Promise<Manifest | undefined> {
  if (manifest.loader === undefined || !installedServe(ctx.dir, manifest).stale) return undefined;
  const serve = await buildServe(ctx, manifest.loader);
  const updated: Manifest = { ...manifest, serve };
  if (serve === undefined) delete updated.serve;
  writeManifest(ctx.dir, updated);
  return updated;
}
