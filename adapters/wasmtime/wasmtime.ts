// Wasmtime. Two dialects:
//  - a real `wasmtime` CLI (on PATH or WASMDIFF_WASMTIME): `wasmtime run driver.wasm`;
//  - npm wizer, which embeds Wasmtime (what `wasmdiff runtimes install` gets
//    here). Wizer's linker turns unknown imports of its MAIN module into
//    functions that trap when called, so a module that imports something would
//    instantiate. Its preloaded modules are linked strictly, and run their
//    start function: so the driver is preloaded as `d`, and a fixed launcher
//    (the main module) calls `d._start` as wizer's init function.
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { Adapter } from '../adapter.js';
import { CliAdapter, type CliDialectSpec, type Located } from '../cli-adapter.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { BATCH_MARKER } from '../batch-output.js';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASMTIME_MESSAGES } from './messages.js';

/** Wizer's refusal of what it cannot snapshot (an instruction, a mutable reference global), said after validation passed. */
const WIZER_UNSUPPORTED = /^Error: unsupported /m;

const LAUNCHER = 'launcher.wasm';
const EMPTY = 'empty.wasm';
const INIT = '_start';
/** An init function name no module under test is expected to export: asking for it makes wizer validate and stop. */
const ABSENT = 'wasmdiff validate only';

export class WasmtimeAdapter extends CliAdapter {
  readonly engine = 'Wasmtime';

  constructor(id = 'wasmtime') {
    super(id, 'wasmtime');
  }

  protected dialect(rt: Located): CliDialectSpec {
    return rt.dialect === 'wizer' ? wizerDialect() : cliDialect();
  }
}

function cliDialect(): CliDialectSpec {
  return {
    messages: [...WASMTIME_MESSAGES, ...SPEC_WORDING],
    driverCommand: (rt, file) => [...rt.command, 'run', file],
    // a core module without `_start` is instantiated and left
    moduleCommand: (rt, file) => [...rt.command, 'run', file],
  };
}

function wizerDialect(): CliDialectSpec {
  const wizer = (rt: Located, ...args: string[]): string[] => [...rt.command, '--allow-wasi', ...args, '-o', '/dev/null'];
  return {
    messages: [...WASMTIME_MESSAGES, ...SPEC_WORDING],
    scratchFiles: {
      [LAUNCHER]: encodeModule(parseWat(`(module (import "d" "${INIT}" (func $run)) (func (export "${INIT}") call $run))`)),
      [EMPTY]: encodeModule(parseWat(`(module (func (export "${INIT}")))`)),
    },
    driverCommand: (rt, file, scratch) => wizer(rt, '--init-func', INIT, '--preload', `d=${file}`, `${scratch}/${LAUNCHER}`),
    // many drivers preloaded into one process: a wizer start and a Cranelift set-up for all of them
    batchCommand: (rt, files, scratch) => wizer(rt, '--init-func', INIT, ...files.flatMap((f, k) => ['--preload', `d${k}=${f}`]), batchLauncher(scratch, files.length)),
    moduleCommand: (rt, file, scratch) => wizer(rt, '--init-func', INIT, '--preload', `m=${file}`, `${scratch}/${EMPTY}`),
    // A preloaded file without the binary magic is read as WebAssembly TEXT
    // (wizer accepts .wat), which would misreport a bad binary: so the bare
    // module is first decoded and validated as wizer's main module, and only
    // preloaded (linked, instantiated) when that passes.
    judgeModule: async (run, rt, file, scratch) => {
      const validated = await run(wizer(rt, '--init-func', ABSENT, file));
      // Wizer refuses some instructions in the module it would snapshot (e.g. "unsupported `data.drop` instruction"),
      // checked only after Wasmtime validated the module: a limit of wizer's main module, not of a preloaded one
      const passed = validated.exitCode === 1 && (validated.stderr.includes(`does not have a \`${ABSENT}\` export`) || WIZER_UNSUPPORTED.test(validated.stderr));
      return passed ? run(wizer(rt, '--init-func', INIT, '--preload', `m=${file}`, `${scratch}/${EMPTY}`)) : validated;
    },
  };
}

/**
 * The launcher of a batch of `count` drivers (preloaded as d0, d1, ...),
 * written into `scratch` once per count: before each driver's `_start` it
 * writes the line `BATCH_MARKER k` through WASI, so that the output can be cut
 * per driver (batch-output.ts). WASI writes through the caller's exported memory.
 */
function batchLauncher(scratch: string, count: number): string {
  const file = join(scratch, `batch-launcher-${count}.wasm`);
  if (existsSync(file)) return file;
  const lines = Array.from({ length: count }, (_, k) => `${BATCH_MARKER} ${k}\n`);
  const at = (k: number) => 16 + 32 * k;
  const watString = (text: string) => text.replace(/[\x00-\x1f"\\]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const wat = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    ${lines.map((_, k) => `(import "d${k}" "${INIT}" (func $d${k}))`).join('\n    ')}
    (memory (export "memory") ${Math.ceil((at(count) + 1) / 65536)})
    ${lines.map((line, k) => `(data (i32.const ${at(k)}) "${watString(line)}")`).join('\n    ')}
    (func (export "${INIT}")
      ${lines.map((line, k) => `(i32.store (i32.const 0) (i32.const ${at(k)})) (i32.store (i32.const 4) (i32.const ${line.length})) (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (call $d${k})`).join('\n      ')}))`;
  // written aside and renamed: a concurrent batch of the same size must never read it half-written
  const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(aside, encodeModule(parseWat(wat)));
  renameSync(aside, file);
  return file;
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const WASMTIME_ADAPTERS = {
  wasmtime: () => new WasmtimeAdapter(),
} satisfies Record<string, () => Adapter>;
