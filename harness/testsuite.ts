// Where the official spec testsuite is. It is never copied into the project:
// WASMDIFF_TESTSUITE names the folder holding `wasm-2.0/` and `wasm-3.0/`, and
// without it the project looks beside its checkout, at `../shared/testsuite`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SuiteVersion = 'wasm-2.0' | 'wasm-3.0';

/** The project root: the folder holding package.json (works from sources and from dist/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('wasmdiff: cannot find the project root (no package.json above the code)');
    dir = parent;
  }
  return dir;
}

/** The testsuite root folder, or undefined when it is nowhere to be found. */
export function testsuiteRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.WASMDIFF_TESTSUITE, join(projectRoot(), '..', 'shared', 'testsuite')];
  for (const c of candidates) if (c && existsSync(c) && statSync(c).isDirectory()) return resolve(c);
  return undefined;
}

/** The folder of one suite version, or undefined when absent. */
export function suiteDir(version: SuiteVersion, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const root = testsuiteRoot(env);
  if (root === undefined) return undefined;
  const dir = join(root, version);
  return existsSync(dir) ? dir : undefined;
}

/** All .wast files of a suite version, sorted, as absolute paths. */
export function suiteFiles(version: SuiteVersion, env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = suiteDir(version, env);
  if (dir === undefined) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort()
    .map((f) => join(dir, f));
}
