// Acquisition from Debian's archive without touching `/`: a private apt state
// (sources list, package lists, cache, an empty dpkg status) inside the
// install folder, `apt-get download` of the package and its whole dependency
// closure (an empty status makes apt resolve everything down to libc6), and
// `dpkg-deb -x` of each into a prefix. The binary then runs through the
// prefix's own dynamic loader, because the packages need a newer glibc than
// the host's (RUNTIMES.md: sid's wasmedge needs libc6 >= 2.43). A runtime
// with a request server (registry.ts `server`, WasmEdge) also gets its -dev
// package, and the server is compiled against the prefix (adapters/wasmedge/build-serve.ts);
// either missing leaves the runtime installed without it.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Acquired, InstallContext } from './acquire.js';
import { runChecked, runCommand } from './exec.js';
import { findOnPath } from './locate.js';
import type { Acquisition } from './registry.js';
import { buildServe, SERVE_NAME } from '../wasmedge/build-serve.js';

const MIRROR = 'http://deb.debian.org/debian';
const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
const UPDATE_TIMEOUT_MS = 10 * 60_000;
const DOWNLOAD_TIMEOUT_MS = 20 * 60_000;
const EXTRACT_TIMEOUT_MS = 5 * 60_000;

/** Multiarch triplet and loader name per Debian architecture. */
const LAYOUTS: Record<string, { triplet: string; loader: string }> = {
  amd64: { triplet: 'x86_64-linux-gnu', loader: 'ld-linux-x86-64.so.2' },
  arm64: { triplet: 'aarch64-linux-gnu', loader: 'ld-linux-aarch64.so.1' },
};

export async function debianExtract(ctx: InstallContext, acquisition: Extract<Acquisition, { method: 'debian-extract' }>): Promise<Acquired> {
  const { pkg, suite, binary } = acquisition;
  for (const tool of ['apt-get', 'dpkg', 'dpkg-deb']) {
    if (findOnPath(tool, ctx.env.PATH) === undefined) throw new Error(`${tool} is not on PATH: this method needs a Debian-based system`);
  }
  if (!existsSync(KEYRING)) throw new Error(`${KEYRING} is missing (Debian package debian-archive-keyring)`);
  const arch = (await runChecked('dpkg', ['--print-architecture'], { timeoutMs: 30_000 })).stdout.trim();
  const layout = LAYOUTS[arch];
  if (layout === undefined) throw new Error(`architecture ${arch} is not supported (only ${Object.keys(LAYOUTS).join(', ')})`);

  const apt = join(ctx.dir, 'apt');
  const debs = join(ctx.dir, 'debs');
  const root = join(ctx.dir, 'root');
  const aptOptions = preparePrivateApt(apt, suite, arch);
  mkdirSync(debs, { recursive: true });
  mkdirSync(root, { recursive: true });

  ctx.log(`apt-get update: Debian ${suite} package lists into a private apt state (about 11 MB)`);
  await runChecked('apt-get', [...aptOptions, 'update'], { timeoutMs: UPDATE_TIMEOUT_MS });

  const closure = await dependencyClosure(aptOptions, pkg);
  ctx.log(`apt-get download: ${closure.length} packages (${pkg} and its dependencies)`);
  await runChecked('apt-get', [...aptOptions, 'download', ...closure], { cwd: debs, timeoutMs: DOWNLOAD_TIMEOUT_MS });

  const files = readdirSync(debs).filter((f) => f.endsWith('.deb')).sort();
  if (files.length !== closure.length) throw new Error(`expected ${closure.length} .deb files, got ${files.length}`);
  ctx.log(`dpkg-deb -x: unpacking ${files.length} packages into ${root}`);
  for (const file of files) await runChecked('dpkg-deb', ['-x', join(debs, file), root], { timeoutMs: EXTRACT_TIMEOUT_MS });

  if (!existsSync(join(root, binary))) throw new Error(`${pkg} unpacked but ${binary} is not in it`);
  const interpreter = join('root', findLoader(root, layout));
  const libraryPath = [`root/usr/lib/${layout.triplet}`, `root/lib/${layout.triplet}`];
  const launcher = writeLauncher(ctx.dir, basename(binary), interpreter, libraryPath, join('root', binary));
  const loader = { interpreter, libraryPath };

  let serve: Awaited<ReturnType<typeof buildServe>>;
  const components = [...closure];
  if (acquisition.server !== undefined) {
    // the headers must be those of the unpacked library: the -dev package of the same build
    const version = closure.find((p) => p.startsWith(`${pkg}=`))!.slice(pkg.length + 1);
    const dev = await extractOptional(ctx, aptOptions, join(ctx.dir, 'debs-dev'), root, `${acquisition.server.devPackage}=${version}`);
    if (dev !== undefined) {
      components.push(dev);
      serve = await buildServe(ctx, loader);
      if (serve !== undefined) writeLauncher(ctx.dir, SERVE_NAME, interpreter, libraryPath, serve.binary);
    }
  }

  // the package lists and the .deb files are not needed to run
  rmSync(apt, { recursive: true, force: true });
  rmSync(debs, { recursive: true, force: true });

  const served = serve === undefined ? '' : `; ${acquisition.server!.devPackage} too, and wasmdiff's server ${serve.binary} compiled with gcc against it (adapters/wasmedge/serve.c)`;
  return {
    method: 'debian-extract',
    binary: join('root', binary),
    loader,
    obtainedBy: `apt-get download ${pkg} and its dependency closure from Debian ${suite} (private apt state); dpkg-deb -x into <install folder>/root; run through ${interpreter} (launcher: ${launcher})${served}`,
    components,
    ...(serve === undefined ? {} : { serve }),
  };
}

/**
 * Downloads and unpacks one package alone (`name=version`; its dependencies
 * are in the closure already), e.g. the server's -dev package. Returns it, or
 * undefined after a log line when the archive does not have it: the install
 * goes on without what needed it.
 */
async function extractOptional(ctx: InstallContext, aptOptions: string[], debs: string, root: string, wanted: string): Promise<string | undefined> {
  mkdirSync(debs, { recursive: true });
  try {
    ctx.log(`apt-get download: ${wanted} (headers for wasmdiff's server)`);
    const got = await runCommand('apt-get', [...aptOptions, 'download', wanted], { cwd: debs, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    const file = readdirSync(debs).find((f) => f.endsWith('.deb'));
    if (got.exitCode !== 0 || file === undefined) {
      const why = got.stderr.trim().split('\n').pop() || `exit ${got.exitCode}`;
      ctx.log(`${wanted} could not be downloaded (${why}): installing without the server; wasmdiff will run one process per run`);
      return undefined;
    }
    await runChecked('dpkg-deb', ['-x', join(debs, file), root], { timeoutMs: EXTRACT_TIMEOUT_MS });
    return wanted;
  } finally {
    rmSync(debs, { recursive: true, force: true });
  }
}

/** The -o options that keep apt entirely inside `apt`, and the files they name. */
function preparePrivateApt(apt: string, suite: string, arch: string): string[] {
  for (const sub of ['lists/partial', 'cache/archives/partial', 'state', 'sources.list.d', 'preferences.d']) {
    mkdirSync(join(apt, sub), { recursive: true });
  }
  writeFileSync(join(apt, 'sources.list'), `deb [signed-by=${KEYRING}] ${MIRROR} ${suite} main\n`);
  writeFileSync(join(apt, 'status'), ''); // nothing installed: apt resolves the full closure
  const options: Record<string, string> = {
    'Dir::Etc::SourceList': join(apt, 'sources.list'),
    'Dir::Etc::SourceParts': join(apt, 'sources.list.d'),
    'Dir::Etc::Preferences': join(apt, 'preferences'),
    'Dir::Etc::PreferencesParts': join(apt, 'preferences.d'),
    'Dir::State': join(apt, 'state'),
    'Dir::State::Lists': join(apt, 'lists'),
    'Dir::State::status': join(apt, 'status'),
    'Dir::Cache': join(apt, 'cache'),
    'APT::Architecture': arch,
    'APT::Architectures': arch,
    'Acquire::Languages': 'none',
  };
  // as root, apt would hand downloads to the `_apt` user, who cannot write into this folder
  if (process.getuid?.() === 0) options['APT::Sandbox::User'] = 'root';
  return Object.entries(options).flatMap(([key, value]) => ['-o', `${key}=${value}`]);
}

/** `name=version` of every package an install of `pkg` would bring, as apt's resolver decides. */
async function dependencyClosure(aptOptions: string[], pkg: string): Promise<string[]> {
  const { stdout } = await runChecked('apt-get', [...aptOptions, '--simulate', '--no-install-recommends', 'install', pkg], {
    timeoutMs: UPDATE_TIMEOUT_MS,
  });
  return parseSimulatedInstall(stdout, pkg);
}

/** Reads the `Inst NAME (VERSION SUITE [ARCH])` lines of `apt-get --simulate install`. */
export function parseSimulatedInstall(output: string, pkg: string): string[] {
  const packages = [...output.matchAll(/^Inst (\S+) \((\S+) /gm)].map((m) => `${m[1]!}=${m[2]!}`);
  if (!packages.some((p) => p.startsWith(`${pkg}=`))) throw new Error(`apt would not install ${pkg}: ${output.trim().split('\n').pop() ?? ''}`);
  return packages;
}

/** The prefix's own loader, never a symlink out of the prefix to the host's. */
function findLoader(root: string, layout: { triplet: string; loader: string }): string {
  const places = [`usr/lib/${layout.triplet}`, `lib/${layout.triplet}`, 'usr/lib64', 'lib64'].map((d) => `${d}/${layout.loader}`);
  for (const place of places) {
    const file = join(root, place);
    if (!existsSync(file)) continue;
    if (lstatSync(file).isSymbolicLink() && isAbsolute(readlinkSync(file))) continue;
    return place;
  }
  throw new Error(`no ${layout.loader} in the unpacked packages`);
}

/** bin/NAME: a script for running the binary by hand; wasmdiff itself runs the loader directly. */
export function writeLauncher(dir: string, name: string, interpreter: string, libraryPath: string[], binary: string): string {
  const relative = join('bin', name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const here = '"$here"';
  const libs = libraryPath.map((p) => `$here/${p}`).join(':');
  const script = [
    '#!/bin/sh',
    `# Runs ${binary} through its own loader and libraries (the host glibc is too old). Written by wasmdiff.`,
    'here=$(dirname "$(dirname "$(readlink -f "$0")")")',
    `exec ${here}/${interpreter} --library-path "${libs}" ${here}/${binary} "$@"`,
    '',
  ].join('\n');
  writeFileSync(join(dir, relative), script);
  chmodSync(join(dir, relative), 0o755);
  return relative;
}
