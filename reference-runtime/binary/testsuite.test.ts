// The decoder and encoder against every binary module of the Wasm 2.0 spec
// testsuite, as wabt's wast2json writes them (independent of the project's
// own text parser).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { suiteFiles } from '../../harness/testsuite.js';
import { DecodeError } from '../errors.js';
import type { Module } from '../syntax/module.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { convertScript, hasWast2json, type ConvertedScript, type SuiteBinary } from './wabt-fixtures.js';

const files = suiteFiles('wasm-2.0');

/**
 * Scripts wabt 1.0.32's text parser cannot read. These are wabt limitations,
 * not binary-format matters (nothing is written for them at all):
 * comments.wast crashes its lexer (an assertion on a block comment at end of
 * input); if.wast uses folded `if` with several condition instructions;
 * table_{fill,get,grow,set,size}.wast omit the table index that 2.0 text
 * allows to default to 0.
 */
const WABT_CANNOT_CONVERT = [
  'comments.wast',
  'if.wast',
  'table_fill.wast',
  'table_get.wast',
  'table_grow.wast',
  'table_set.wast',
  'table_size.wast',
];

/**
 * Text modules that use data.drop or memory.init but declare no data
 * segment: the spec's encoding of them carries a data count section, wabt's
 * leaves it out, which makes its binary malformed ("data count section
 * required"). They are assert_invalid for a validation reason, which such a
 * binary can never reach.
 */
const WABT_DROPS_DATA_COUNT = ['memory_init.wast:190', 'memory_init.wast:227'];

const sourceLines = new Map<string, string[]>();

/** Whether the command at `where` is written as `(module binary ...)` in the script. */
function isBinaryLiteral(script: string, where: string): boolean {
  let lines = sourceLines.get(script);
  if (lines === undefined) sourceLines.set(script, (lines = readFileSync(script, 'utf8').split('\n')));
  const line = Number(where.slice(where.lastIndexOf(':') + 1));
  const text = lines.slice(line - 1, line + 2).join(' ');
  return /^\s*(\(assert_\w+\s*)?\(module(\s+\$\S+)?\s+binary/.test(text);
}

function tryDecode(bytes: Uint8Array): Module | unknown {
  try {
    return decodeModule(bytes);
  } catch (e) {
    return e;
  }
}

function isModule(x: unknown): x is Module {
  return typeof x === 'object' && x !== null && 'funcs' in x && 'types' in x;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe.skipIf(!hasWast2json || files.length === 0)('spec testsuite binaries (skipped: needs wast2json and the wasm-2.0 testsuite)', () => {
  let scripts: ConvertedScript[] = [];
  const all = (kinds: SuiteBinary['kind'][]) =>
    scripts.flatMap((s) => s.binaries.filter((b) => kinds.includes(b.kind)).map((b) => ({ script: s.file, ...b })));

  beforeAll(() => {
    scripts = files.map(convertScript);
  }, 120_000);

  it('wast2json converts every script but the ones its parser cannot read', () => {
    const failed = scripts.filter((s) => s.error !== undefined).map((s) => basename(s.file));
    expect(failed).toEqual(WABT_CANNOT_CONVERT);
    expect(all(['module']).length).toBeGreaterThan(1500);
  });

  it('decodes every module command', () => {
    const failures = all(['module'])
      .map((b) => ({ where: b.where, result: tryDecode(b.bytes) }))
      .filter((r) => !isModule(r.result))
      .map((r) => `${r.where}: ${String(r.result)}`);
    expect(failures).toEqual([]);
  });

  it('rejects every binary assert_malformed with a DecodeError carrying the expected message', () => {
    const cases = all(['assert_malformed']);
    expect(cases.length).toBeGreaterThan(700);
    const failures: string[] = [];
    let matched = 0;
    for (const b of cases) {
      const result = tryDecode(b.bytes);
      if (!(result instanceof DecodeError)) failures.push(`${b.where}: expected "${b.text}", got ${isModule(result) ? 'a module' : String(result)}`);
      else if (!result.message.startsWith(b.text!)) failures.push(`${b.where}: expected "${b.text}", got "${result.message}"`);
      else matched++;
    }
    expect(failures).toEqual([]);
    expect(matched).toBe(cases.length);
  });

  it('decodes every assert_invalid, assert_unlinkable and assert_uninstantiable binary (invalidity is not malformedness)', () => {
    const failures: string[] = [];
    const droppedDataCount: string[] = [];
    for (const b of all(['assert_invalid', 'assert_unlinkable', 'assert_uninstantiable'])) {
      const result = tryDecode(b.bytes);
      if (isModule(result)) continue;
      if (result instanceof DecodeError && result.message === 'data count section required') droppedDataCount.push(b.where);
      else failures.push(`${b.where} (${b.kind} "${b.text}"): ${String(result)}`);
    }
    expect(failures).toEqual([]);
    expect(droppedDataCount).toEqual(WABT_DROPS_DATA_COUNT);
  });

  /**
   * encode(decode(b)) must decode to the same AST. wabt writes canonical
   * binaries for text modules, so those must also come back byte for byte.
   * Binary literals written by hand in the scripts are often deliberately
   * non-canonical (overlong LEB128s in binary-leb128.wast, empty sections,
   * the explicit-index forms of element and data segments, an `else` with an
   * empty branch): for them the test asserts instead that the canonical
   * encoding is a fixed point.
   */
  it('round-trips every decoded module', () => {
    const failures: string[] = [];
    let byteExact = 0;
    let canonicalised = 0;
    for (const b of all(['module', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable'])) {
      const m = tryDecode(b.bytes);
      if (!isModule(m)) continue;
      const encoded = encodeModule(m, { names: true });
      const again = tryDecode(encoded);
      if (!isModule(again)) failures.push(`${b.where}: re-encoding does not decode: ${String(again)}`);
      else if (!isDeepStrictEqual(again, m)) failures.push(`${b.where}: re-encoding decodes to a different module`);
      else if (sameBytes(encoded, b.bytes)) byteExact++;
      else if (!isBinaryLiteral(b.script, b.where)) failures.push(`${b.where}: wabt's canonical bytes differ from ours`);
      else if (!sameBytes(encodeModule(again, { names: true }), encoded)) failures.push(`${b.where}: canonical encoding is not a fixed point`);
      else canonicalised++;
    }
    expect(failures).toEqual([]);
    expect(byteExact).toBeGreaterThan(3600);
    expect(canonicalised).toBeLessThan(100);
  });
});
