// Reproducing a finding outside wasmdiff: the exact command each runtime's
// adapter runs (its real command line, with the driver or module file named
// relative to an output folder), and the files that command needs there:
// `module.wasm` (the module under test), `driver.wasm` (the module with a
// WASI `_start` that makes the failing invocations and prints their bits,
// adapters/driver/build-driver.ts), and any helper file the runtime's command
// uses (wizer's launcher, the V8 runner script).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import type { Adapter } from '../../adapters/adapter.js';
import type { CliDialectSpec, Located } from '../../adapters/cli-adapter.js';
import { buildDriver } from '../../adapters/driver/build-driver.js';
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import { resolveInvocation } from '../../adapters/resolve.js';
import { V8_RUNNER_SOURCE } from '../../adapters/v8-runner.js';
import { V8NodeAdapter } from '../../adapters/v8-node.js';
import { V8Adapter } from '../../adapters/v8.js';
import { showResult } from '../../adapters/values.js';

export const MODULE_FILE = 'module.wasm';
export const DRIVER_FILE = 'driver.wasm';
const V8_SCRIPT = 'run-v8.mjs';

/** A command, relative to the output folder, and the helper files it needs there. */
export interface ReproRecipe {
  argv: string[];
  files: Record<string, Uint8Array | string>;
}

/**
 * Runs a driver (or, with --module, compiles and instantiates a bare module)
 * in any node: the adapters' own V8 runner, on the file named on the command
 * line; its end-of-run records are printed as `# {...}` lines.
 */
const V8_SCRIPT_SOURCE = `import { readFileSync } from 'node:fs';
${V8_RUNNER_SOURCE}
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const input = process.argv[3] === '--module' ? { kind: 'module', module: bytes } : { kind: 'driver', driver: bytes, from: 0 };
runInV8(input, (text) => process.stdout.write(text.replace(/\\x1e/g, '# ')));
`;

/**
 * The command `adapter` runs for a driver (`driver`) or a bare module
 * (`module`); undefined for the reference interpreter. The command-line
 * adapters keep their located runtime and dialect to themselves, so they are
 * read here through a narrow view of those members.
 */
export async function reproRecipe(adapter: Adapter, kind: 'driver' | 'module'): Promise<ReproRecipe | undefined> {
  const file = kind === 'driver' ? DRIVER_FILE : MODULE_FILE;
  if (adapter instanceof V8Adapter) return v8Recipe([process.execPath], kind);
  if (adapter instanceof V8NodeAdapter) {
    if (!(await adapter.available()).ok) return undefined;
    const command = (adapter as unknown as { command?: string[] }).command;
    return command ? v8Recipe(command, kind) : undefined;
  }
  const cli = adapter as unknown as Partial<{ runtime: Located; dialect(rt: Located): CliDialectSpec }>;
  if (typeof cli.dialect !== 'function') return undefined;
  if (!(await adapter.available()).ok || cli.runtime === undefined) return undefined;
  const d = cli.dialect(cli.runtime);
  const argv = kind === 'driver' ? d.driverCommand(cli.runtime, file, '.') : d.moduleCommand(cli.runtime, file, '.');
  return { argv, files: { ...(d.scratchFiles ?? {}) } };
}

function v8Recipe(node: string[], kind: 'driver' | 'module'): ReproRecipe {
  const argv = kind === 'driver' ? [...node, V8_SCRIPT, DRIVER_FILE] : [...node, V8_SCRIPT, MODULE_FILE, '--module'];
  return { argv, files: { [V8_SCRIPT]: V8_SCRIPT_SOURCE } };
}

/** One shell-ready line (single-quoted where needed). */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Invocations as JSON-safe text (values as `type:hex`, values.ts) and back. */
export interface StoredInvocation {
  export: string;
  args: string[];
}

export function storeInvocations(invs: readonly Invocation[]): StoredInvocation[] {
  return invs.map((i) => ({ export: i.export, args: i.args.map(showResult) }));
}

export function loadInvocations(stored: readonly StoredInvocation[]): Invocation[] {
  return stored.map((s) => ({ export: s.export, args: s.args.map(parseArg) }));
}

function parseArg(text: string): ArgValue {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  switch (type) {
    case 'i32':
    case 'f32':
      return { type, bits: parseInt(rest, 16) >>> 0 };
    case 'i64':
    case 'f64':
      return { type, bits: BigInt(`0x${rest}`) };
    case 'v128':
      return { type, bytes: Uint8Array.from(rest.split(' ').map((b) => parseInt(b, 16))) };
    case 'funcref':
    case 'externref':
      return { type, null: true };
    default:
      throw new Error(`not a stored argument: ${text}`);
  }
}

/** Writes module.wasm, driver.wasm (when there are invocations) and the recipes' helper files into `dir`. */
export function writeReproFiles(dir: string, module: Uint8Array, invocations: readonly Invocation[], recipes: readonly ReproRecipe[]): string[] {
  mkdirSync(dir, { recursive: true });
  const written = [MODULE_FILE];
  writeFileSync(join(dir, MODULE_FILE), module);
  if (invocations.length > 0) {
    const m = decodeModule(module);
    writeFileSync(join(dir, DRIVER_FILE), buildDriver(m, invocations.map((inv) => ({ resolved: resolveInvocation(m, inv), args: inv.args }))));
    written.push(DRIVER_FILE);
  }
  for (const r of recipes) {
    for (const [name, content] of Object.entries(r.files)) {
      writeFileSync(join(dir, name), content);
      if (!written.includes(name)) written.push(name);
    }
  }
  return written;
}
