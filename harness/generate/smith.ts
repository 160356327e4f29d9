// wasm-tools smith as an extra source of valid modules, when `wasm-tools` is
// on PATH (it is optional: nothing requires it, and callers check
// `smithAvailable()` first). Smith turns arbitrary bytes into a module; with
// --ensure-termination it threads its own fuel, and with no imports and every
// function exported the plan semantics (no imports) can run it.
import { execaSync } from 'execa';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import type { Invocation } from '../../adapters/plan.js';
import { chooseArg } from './boundary.js';
import { isFuncType } from '../../reference-runtime/syntax/types.js';
import { Choices } from './choices.js';
import type { GeneratedCase } from './generated-case.js';

/** Wasm 2.0 features on, everything later off, so that every 2.0 runtime can be compared on the result. */
const SMITH_FLAGS = [
  'smith', '--ensure-termination', '--max-imports', '0', '--export-everything', 'true',
  '--simd-enabled', 'true', '--bulk-memory-enabled', 'true', '--reference-types-enabled', 'true', '--multi-value-enabled', 'true',
  '--relaxed-simd-enabled', 'false', '--threads-enabled', 'false', '--exceptions-enabled', 'false', '--gc-enabled', 'false',
  '--tail-call-enabled', 'false', '--memory64-enabled', 'false', '--extended-const-enabled', 'false', '--max-memories', '1',
];

/** The path of `wasm-tools`, or undefined when it is not installed. */
export function smithAvailable(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, 'wasm-tools');
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

/** Modules from `wasm-tools smith` fed with fast-check bytes; throws when wasm-tools is absent or fails. */
export function smithArb(): fc.Arbitrary<GeneratedCase> {
  const tool = smithAvailable();
  if (tool === undefined) throw new Error('wasm-tools is not on PATH: install it (cargo install wasm-tools) to use smith as a source');
  return fc.uint8Array({ minLength: 64, maxLength: 4096, size: 'max' }).map((seed) => smithCase(tool, seed));
}

function smithCase(tool: string, seed: Uint8Array): GeneratedCase {
  const r = execaSync(tool, SMITH_FLAGS, { input: seed, encoding: 'buffer', reject: false });
  if (r.exitCode !== 0) throw new Error(`wasm-tools smith failed (exit ${r.exitCode}): ${Buffer.from(r.stderr).toString().split('\n')[0]}`);
  const bytes = new Uint8Array(r.stdout);
  const module = decodeModule(bytes);
  const c = new Choices(Array.from(seed));
  const funcs = module.exports.filter((x) => x.kind === 'func');
  const invocations: Invocation[] = funcs.slice(0, 8).map((x) => {
    const type = module.types[module.funcs[x.index - importedFuncs(module)]?.type ?? 0];
    return { export: x.name, args: (type !== undefined && isFuncType(type) ? type.params : []).map((t) => chooseArg(c, t)) };
  });
  return { module, bytes, invocations, origin: 'smith' };
}

function importedFuncs(m: ReturnType<typeof decodeModule>): number {
  return m.imports.filter((i) => i.desc.kind === 'func').length;
}
