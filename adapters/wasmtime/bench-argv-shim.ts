// Wizer (the Wasmtime we can install here) gives its WASI no command-line
// arguments, and bench programs read their size from argv[1]. So the program
// is rewritten to take its arguments from a module we generate:
//  - its imports wasi_snapshot_preview1.args_sizes_get / args_get are renamed
//    to come from the shim module `wasmdiff_argv`;
//  - its memory becomes an import of the shim's memory (same limits), so the
//    shim's args_get can write the strings where the program asks.
// Memory index 0 stays 0 (a module has one memory, imported or defined) and no
// function index moves (the imports are renamed, not added or removed), so
// nothing else in the program changes.
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { WASI } from '../driver/build-driver.js';

export const ARGV_MODULE = 'wasmdiff_argv';
const ARG_FUNCS = new Set(['args_sizes_get', 'args_get']);

export interface ArgvShim {
  program: Uint8Array;
  shim: Uint8Array;
}

export function withArgvShim(programBytes: Uint8Array, argv: readonly string[]): ArgvShim {
  const m = decodeModule(programBytes);
  const memory = m.mems[0];
  if (m.mems.length !== 1 || memory === undefined || m.imports.some((i) => i.desc.kind === 'memory')) {
    throw new Error('the program must define exactly one memory (a WASI command does)');
  }
  for (const i of m.imports) if (i.module === WASI && ARG_FUNCS.has(i.name)) i.module = ARGV_MODULE;
  m.mems = [];
  m.imports.push({ module: ARGV_MODULE, name: 'memory', desc: { kind: 'memory', memory } });
  const limits = `${memory.limits.min}${memory.limits.max === undefined ? '' : ` ${memory.limits.max}`}`;
  return { program: encodeModule(m), shim: encodeModule(parseWat(shimWat(argv, limits))) };
}

/** args_sizes_get and args_get answering with `argv`, written byte by byte where the caller says. */
function shimWat(argv: readonly string[], limits: string): string {
  const strings = argv.map((a) => [...Buffer.from(a, 'utf8'), 0]);
  const total = strings.reduce((n, s) => n + s.length, 0);
  const stores: string[] = [];
  let offset = 0;
  strings.forEach((s, k) => {
    stores.push(`(i32.store (i32.add (local.get $argv) (i32.const ${4 * k})) (i32.add (local.get $buf) (i32.const ${offset})))`);
    s.forEach((byte, j) => stores.push(`(i32.store8 (i32.add (local.get $buf) (i32.const ${offset + j})) (i32.const ${byte}))`));
    offset += s.length;
  });
  return `(module
  (memory (export "memory") ${limits})
  (func (export "args_sizes_get") (param $argc i32) (param $size i32) (result i32)
    (i32.store (local.get $argc) (i32.const ${argv.length}))
    (i32.store (local.get $size) (i32.const ${total}))
    (i32.const 0))
  (func (export "args_get") (param $argv i32) (param $buf i32) (result i32)
    ${stores.join('\n    ')}
    (i32.const 0)))`;
}
