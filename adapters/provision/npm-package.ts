// Acquisition from the npm registry: `npm install --prefix DIR SPEC` for
// packages that ship a native binary (node@22, @bytecodealliance/wizer), and
// `npm pack` for packages used only as a source tarball (@grain/libiwasm).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Acquired, InstallContext } from './acquire.js';
import { quietNodeEnv, runChecked } from './exec.js';
import { isExecutableFile } from './locate.js';

const NPM_TIMEOUT_MS = 15 * 60_000;

export async function npmInstallPackage(ctx: InstallContext, spec: string, binary: string): Promise<Acquired> {
  ctx.log(`npm install ${spec} (downloads from the npm registry)`);
  // npm >= 11 runs a dependency's install script (node@22's preinstall fetches
  // its platform binary) only when the project's allowScripts names it
  writeFileSync(join(ctx.dir, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { [packageName(spec)]: true } }, null, 2)}\n`);
  await runChecked('npm', ['install', '--prefix', ctx.dir, '--no-audit', '--no-fund', '--no-save', spec], {
    cwd: ctx.dir,
    timeoutMs: NPM_TIMEOUT_MS,
    env: quietNodeEnv(ctx.env),
  });
  if (!isExecutableFile(join(ctx.dir, binary))) {
    throw new Error(`npm installed ${spec} but ${binary} is not there (is ${process.platform}-${process.arch} supported?)`);
  }
  return {
    method: 'npm-package',
    binary,
    obtainedBy: `npm install --prefix <install folder> ${spec}`,
    components: installedPackages(ctx.dir),
  };
}

/** `node@22` -> `node`, `@scope/name@1` -> `@scope/name`. */
export function packageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at < 0 ? spec : spec.slice(0, at);
}

export interface PackedTarball {
  /** Absolute path of the .tgz. */
  tarball: string;
  id: string;
  integrity: string;
}

/** Downloads a package's tarball without installing it (its dependencies may not exist on npm). */
export async function npmPack(ctx: InstallContext, spec: string, destination: string): Promise<PackedTarball> {
  ctx.log(`npm pack ${spec}`);
  const { stdout } = await runChecked('npm', ['pack', spec, '--json', '--pack-destination', destination], {
    cwd: destination,
    timeoutMs: NPM_TIMEOUT_MS,
    env: quietNodeEnv(ctx.env),
  });
  const entries = JSON.parse(stdout) as Array<{ filename?: string; id?: string; integrity?: string }>;
  const entry = entries[0];
  if (entry?.filename === undefined) throw new Error(`npm pack ${spec} did not name a tarball`);
  const tarball = join(destination, entry.filename);
  if (!existsSync(tarball)) throw new Error(`npm pack ${spec}: ${tarball} is missing`);
  return { tarball, id: entry.id ?? spec, integrity: entry.integrity ?? '' };
}

/** name@version of every package npm put in DIR/node_modules. */
function installedPackages(dir: string): string[] {
  const lock = join(dir, 'node_modules', '.package-lock.json');
  if (!existsSync(lock)) return [];
  const packages = (JSON.parse(readFileSync(lock, 'utf8')) as { packages?: Record<string, { version?: string }> }).packages ?? {};
  return Object.entries(packages)
    .map(([path, info]) => `${path.replace(/^.*node_modules\//, '')}@${info.version ?? '?'}`)
    .sort();
}
