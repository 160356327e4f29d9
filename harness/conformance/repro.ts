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
import type { Adapter, CommandLine } from '../../adapters/adapter.js';
import { buildDriver, driverInvocations } from '../../adapters/driver/build-driver.js';
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import { showResult } from '../../adapters/values.js';

export const MODULE_FILE = 'module.wasm';
export const DRIVER_FILE = 'driver.wasm';
/** A command, relative to the output folder, and the helper files it needs there. */
export type ReproRecipe = CommandLine;

/** The command `adapter` runs for a driver (`driver`) or a bare module (`module`); undefined for the reference interpreter. */
export async function reproRecipe(adapter: Adapter, kind: 'driver' | 'module'): Promise<ReproRecipe | undefined> {
  return adapter.commandLine?.(kind, kind === 'driver' ? DRIVER_FILE : MODULE_FILE);
}

/** One shell-ready line (single-quoted where needed). */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Invocations as JSON-safe text (values as `type:hex`, values.ts) and back. */
export interface StoredInvocation {
  export: string;
  args: string[];
  /** the arguments of the call through the returned reference (plan.ts `through`) */
  through?: string[];
}

/** A stored invocation as the script line that makes it, `(invoke "f" i32:00000001 ...)`; its call through a returned reference, if any, in words after it. */
export function invocationText(inv: StoredInvocation, quote: (code: string) => string = (code) => code): string {
  const through = inv.through ? `, then the function reference it returns last called with ${quote(`(${inv.through.join(' ')})`)}` : '';
  return `${quote(`(invoke "${inv.export}"${inv.args.map((a) => ` ${a}`).join('')})`)}${through}`;
}

export function storeInvocations(invs: readonly Invocation[]): StoredInvocation[] {
  return invs.map((i) => ({ export: i.export, args: i.args.map(showResult), ...(i.through ? { through: i.through.map(showResult) } : {}) }));
}

export function loadInvocations(stored: readonly StoredInvocation[]): Invocation[] {
  return stored.map((s) => ({ export: s.export, args: s.args.map(parseArg), ...(s.through ? { through: s.through.map(parseArg) } : {}) }));
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
    writeFileSync(join(dir, DRIVER_FILE), buildDriver(m, driverInvocations(m, invocations)));
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
