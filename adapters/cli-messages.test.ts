// The command-line runtimes' message tables, on the exact texts they printed
// for the kit's cases (Wasmtime 42.0.1 in wizer 11.0.3, WAMR 1.1.2 fast and
// classic, WasmEdge 0.17.1 interpreter and JIT), and their special readings.
import { describe, expect, it } from 'vitest';
import { SPEC_WORDING, classifyMessage, type MessageTable } from './trap-kinds.js';
import { WAMR_MESSAGES } from './wamr/messages.js';
import { readWamr } from './wamr/wamr.js';
import { WASMEDGE_MESSAGES } from './wasmedge/messages.js';
import { readWasmEdge } from './wasmedge/wasmedge.js';
import { WASMTIME_MESSAGES } from './wasmtime/messages.js';
import type { ProcessResult } from './process.js';

const check = (table: MessageTable, rows: [string, string][]) =>
  it.each(rows)('%s', (text, meaning) => expect(classifyMessage([...table, ...SPEC_WORDING], text)).toBe(meaning));

describe('WASMTIME_MESSAGES', () => {
  const trapped = (what: string) => `Error: the \`_start\` function trapped\n\nCaused by:\n    0: error while executing at wasm backtrace:\n    1: ${what}\n`;
  check(WASMTIME_MESSAGES, [
    [trapped('wasm trap: wasm `unreachable` instruction executed'), 'unreachable'],
    [trapped('wasm trap: integer divide by zero'), 'integer divide by zero'],
    [trapped('wasm trap: integer overflow'), 'integer overflow'],
    [trapped('wasm trap: invalid conversion to integer'), 'invalid conversion to integer'],
    [trapped('memory fault at wasm address 0x10000 in linear memory of size 0x10000\n    2: wasm trap: out of bounds memory access'), 'out of bounds memory access'],
    [trapped('wasm trap: undefined element: out of bounds table access'), 'out of bounds table access'],
    [trapped('wasm trap: uninitialized element'), 'uninitialized element'],
    [trapped('wasm trap: indirect call type mismatch'), 'indirect call type mismatch'],
    [trapped('wasm trap: call stack exhausted'), 'call stack exhausted'],
    ['Error: failed to instantiate preload module\n\nCaused by:\n    unknown import: `env::f` has not been defined', 'unlinkable'],
    ['Error: failed to instantiate preload module\n\nCaused by:\n    0: error while executing at wasm backtrace:\n    1: wasm trap: wasm `unreachable` instruction executed', 'unreachable'],
    ['Error: wasm validation failed\n\nCaused by:\n    magic header not detected: bad magic number - expected=[', 'malformed'],
    ['Error: wasm validation failed\n\nCaused by:\n    type mismatch: expected i32, found i64 (at offset 0x21)', 'invalid'],
    ['Error: failed to parse preload module\n\nCaused by:\n    0: failed to compile: wasm[0]::function[2]\n    1: WebAssembly translation error\n    2: Invalid input WebAssembly code at offset 177: type mismatch: expected i32, found i64', 'invalid'],
  ]);
});

const result = (stdout: string, exitCode: number, stderr = ''): ProcessResult => ({ stdout, stderr, exitCode, timedOut: false, truncated: false, durationMs: 1 });

describe('WAMR_MESSAGES', () => {
  check(WAMR_MESSAGES, [
    ['Exception: unreachable', 'unreachable'],
    ['Exception: integer divide by zero', 'integer divide by zero'],
    ['Exception: integer overflow', 'integer overflow'],
    ['Exception: invalid conversion to integer', 'invalid conversion to integer'],
    ['Exception: out of bounds memory access', 'out of bounds memory access'],
    ['Exception: out of bounds table access', 'out of bounds table access'],
    ['Exception: undefined element', 'undefined element'],
    ['Exception: uninitialized element', 'uninitialized element'],
    ['Exception: indirect call type mismatch', 'indirect call type mismatch'],
    ['Exception: wasm operand stack overflow', 'call stack exhausted'],
    ['WASM module instantiate failed: Exception: unreachable', 'unreachable'],
    ['[00:19:27:418 - 7FC5D2583880]: warning: failed to link import function (env, f)', 'unlinkable'],
    ['WASM module load failed: magic header not detected', 'malformed'],
    ['WASM module load failed: type mismatch: stack size does not match block type', 'invalid'],
    ['WASM module load failed: unknown value type', 'rejected'],
  ]);
  it('reads an unresolved-import warning as a failed link, setting the driver lines aside', () => {
    const seg = readWamr(result('@00000000\n=\n!\n[00:19:27:418 - 7FC5D2583880]: warning: failed to link import function (env, f)\n', 0), 'driver');
    expect([seg.stdout, seg.end]).toEqual(['[00:19:27:418 - 7FC5D2583880]: warning: failed to link import function (env, f)\n', { kind: 'exit', code: 1 }]);
  });
  it('reads a bare module without entry point as instantiated, and nothing else', () => {
    const none = 'Exception: lookup the entry point symbol (like _start, main, _main, __main_argc_argv) failed\n';
    expect(readWamr(result(none, 1), 'module').end).toEqual({ kind: 'exit', code: 0 });
    expect(readWamr(result(none, 1), 'driver').end).toEqual({ kind: 'exit', code: 1 });
    expect(readWamr(result('WASM module instantiate failed: Exception: unreachable\n', 1), 'module').end).toEqual({ kind: 'exit', code: 1 });
  });
});

describe('WASMEDGE_MESSAGES', () => {
  const at = '[2026-11-21 19:04:50.432] [error] ';
  check(WASMEDGE_MESSAGES, [
    [`${at}execution failed: unreachable, Code: 0x40a`, 'unreachable'],
    [`${at}execution failed: integer divide by zero, Code: 0x404`, 'integer divide by zero'],
    [`${at}execution failed: integer overflow, Code: 0x405`, 'integer overflow'],
    [`${at}execution failed: invalid conversion to integer, Code: 0x406`, 'invalid conversion to integer'],
    [`${at}execution failed: out of bounds memory access, Code: 0x408`, 'out of bounds memory access'],
    [`${at}execution failed: out of bounds table access, Code: 0x407`, 'out of bounds table access'],
    [`${at}execution failed: undefined element, Code: 0x40c`, 'undefined element'],
    [`${at}execution failed: uninitialized element, Code: 0x40b`, 'uninitialized element'],
    [`${at}execution failed: indirect call type mismatch, Code: 0x40d\n${at}    Mismatched function type.`, 'indirect call type mismatch'],
    [`${at}instantiation failed: unknown import, Code: 0x302\n${at}    When linking module: "env" , function name: "f"`, 'unlinkable'],
    [`${at}Might an invalid wasm file, magic expected, but got 0x0 0x61 0x73 0x6E\n${at}loading failed: magic header not detected, Code: 0x103`, 'malformed'],
    [`${at}validation failed: type mismatch, Code: 0x202\n${at}    Mismatched value type. Expected: i32 , Got: i64`, 'invalid'],
  ]);
  it('reads the failed lookup of the absent function after instantiation as success, for a bare module only', () => {
    const lookup = 'Function "wasmdiff validate only" not found in the module export list.\n';
    expect(readWasmEdge(result('', 1, lookup), 'module').end).toEqual({ kind: 'exit', code: 0 });
    expect(readWasmEdge(result('', 1, lookup), 'driver').end).toEqual({ kind: 'exit', code: 1 });
  });
});
