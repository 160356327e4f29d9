// `runtimes install`: for each requested runtime, nothing to do when a
// working copy is already found (env var, PATH, or an earlier install), else
// acquire it into `.wasmdiff/runtimes/<name>/`, ask the new binary its
// version, and write the manifest last. One runtime failing never stops the
// others; each outcome carries a one-line message.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquire } from './acquire.js';
import { installDir, type LocateContext } from './locate.js';
import { manifestCommand, writeManifest, type Manifest } from './manifest.js';
import { probeVersion } from './probe.js';
import type { RuntimeSpec } from './registry.js';
import { runtimeStatus } from './status.js';
import { rebuildStaleServe } from '../wasmedge/build-serve.js';
import { wamrSourceHash } from '../wamr/wamr-build.js';

export type InstallStatus = 'installed' | 'already-installed' | 'available' | 'not-installable' | 'failed';

export interface InstallOutcome {
  name: string;
  status: InstallStatus;
  message: string;
  manifest?: Manifest;
}

export interface InstallOptions extends LocateContext {
  /** Reinstall into the project folder even when a working copy is found. */
  force: boolean;
  log: (line: string) => void;
}

/** Outcomes that mean the requested runtime is not usable after the command. */
export function isFailure(outcome: InstallOutcome): boolean {
  return outcome.status === 'failed' || outcome.status === 'not-installable';
}

/** Installs one runtime after another (builds and downloads would only fight over 2 cores). */
export async function installRuntimes(
  specs: readonly RuntimeSpec[],
  opts: InstallOptions,
  onOutcome: (outcome: InstallOutcome) => void = () => {},
): Promise<InstallOutcome[]> {
  const outcomes: InstallOutcome[] = [];
  for (const spec of specs) {
    const outcome = await installRuntime(spec, opts);
    onOutcome(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** A binary wasmdiff compiled from its own sources, which have changed since (a rebuild brings e.g. iwasm --serve). */
function staleBuild(spec: RuntimeSpec, manifest: Manifest): boolean {
  return spec.acquisition?.method === 'wamr-build' && manifest.builtFrom !== wamrSourceHash();
}

export async function installRuntime(spec: RuntimeSpec, opts: InstallOptions): Promise<InstallOutcome> {
  const log = (line: string) => opts.log(`[${spec.name}] ${line}`);
  if (!opts.force) {
    const status = await runtimeStatus(spec, opts);
    let found = status.found;
    if (found?.source === 'install' && found.manifest !== undefined && staleBuild(spec, found.manifest)) {
      log('built from older wasmdiff sources (adapters/wamr/iwasm/main.c): rebuilding');
      found = undefined;
    }
    if (found !== undefined) {
      const what = `${found.probe.version} (${found.probe.detail})`;
      const rebuilt = found.manifest && (await rebuildStaleServe({ dir: installDir(opts.installRoot, spec), log, env: opts.env }, found.manifest));
      if (rebuilt) {
        const server = rebuilt.serve ? `its server rebuilt from the current serve.c (${rebuilt.serve.binary})` : 'its stale server removed (see the log)';
        return { name: spec.name, status: 'installed', message: `${what} at ${found.binary}: ${server}`, manifest: rebuilt };
      }
      return found.source === 'install'
        ? { name: spec.name, status: 'already-installed', message: `${what} at ${found.binary}`, manifest: found.manifest }
        : { name: spec.name, status: 'available', message: `${what} found through ${found.source === 'env' ? status.envVar : 'PATH'} at ${found.binary}; nothing to install` };
    }
  }
  if (spec.acquisition === undefined) {
    return { name: spec.name, status: 'not-installable', message: spec.howToInstall };
  }

  const dir = installDir(opts.installRoot, spec);
  const started = Date.now();
  try {
    rmSync(dir, { recursive: true, force: true }); // a fresh start: leftovers of a failed install are not trusted
    mkdirSync(dir, { recursive: true });
    const acquired = await acquire(spec.acquisition, { dir, log, env: opts.env });
    const probe = await probeVersion(spec.family, manifestCommand(dir, acquired));
    const manifest: Manifest = {
      name: spec.name,
      version: probe.version,
      versionDetail: probe.detail,
      method: acquired.method,
      obtainedBy: acquired.obtainedBy,
      dialect: probe.dialect,
      binary: acquired.binary,
      ...(acquired.loader === undefined ? {} : { loader: acquired.loader }),
      components: acquired.components,
      ...(acquired.serve === undefined ? {} : { serve: acquired.serve }),
      ...(acquired.builtFrom === undefined ? {} : { builtFrom: acquired.builtFrom }),
      installedAt: new Date().toISOString(),
      installSeconds: Math.round((Date.now() - started) / 100) / 10,
      sizeBytes: folderSize(dir),
    };
    writeManifest(dir, manifest);
    const mb = (manifest.sizeBytes / 1e6).toFixed(1);
    return {
      name: spec.name,
      status: 'installed',
      message: `${probe.version} (${probe.detail}) in ${manifest.installSeconds} s, ${mb} MB, at ${join(dir, acquired.binary)}`,
      manifest,
    };
  } catch (err) {
    return { name: spec.name, status: 'failed', message: `install failed: ${(err as Error).message}` };
  }
}

/** Bytes on disk in a folder: symlinks not followed, hard links (npm's node binary has two) counted once. */
export function folderSize(dir: string, seen = new Set<number>()): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(path, seen);
    else if (entry.isFile()) {
      const stat = statSync(path);
      if (!seen.has(stat.ino)) total += stat.size;
      seen.add(stat.ino);
    }
  }
  return total;
}
