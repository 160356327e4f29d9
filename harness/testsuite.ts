// Where the official spec testsuite is. It is never copied into the project:
// WASMDIFF_TESTSUITE names the folder holding `wasm-2.0/` and `wasm-3.0/`, and
// without it the project looks beside its checkout, at `../shared/testsuite`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SuiteVersion = 'wasm-2.0' | 'wasm-3.0';

export { projectRoot } from '../adapters/project.js';
import { projectRoot } from '../adapters/project.js';

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

/**
 * What marks a 3.0 script as using typed function references or GC
 * (reference types `(ref ...)`, their instructions, recursive and sub types,
 * and the GC abstract heap types). The oracle runs the whole suite; the
 * text-format tests report the two groups apart because Debian's wabt reads
 * the first and almost none of the second.
 */
const BEYOND_PART_1 =
  /\(ref |struct\.|array\.|i31|ref\.cast|ref\.test|br_on_|call_ref|ref\.as_non_null|\(rec\b|\(sub\b|\b(?:anyref|eqref|structref|arrayref|nullref|nullfuncref|nullexternref|nullexnref)\b|\(ref\.null (?:any|eq|none|nofunc|noextern|noexn|struct|array)\)/;

/** Whether a 3.0 script's text uses only part-1 features (no function references, no GC). */
export function isPart1Script(text: string): boolean {
  return !BEYOND_PART_1.test(text);
}

/**
 * The part-1 files of the 3.0 suite: those using none of the function
 * references and GC syntax (214 of 257 in the suite the project tests).
 */
export function part1Files(env: NodeJS.ProcessEnv = process.env): string[] {
  return suiteFiles('wasm-3.0', env).filter((f) => isPart1Script(readFileSync(f, 'latin1')));
}
