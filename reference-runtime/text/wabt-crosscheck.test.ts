// Independent cross-check of the text parser: every text module of the spec
// testsuite (2.0, and the files of 3.0 that wabt can read), parsed here
// and encoded by the project's encoder, must be byte-identical to what wabt
// 1.0.32's wast2json writes for it (with --enable-all for 3.0). The only
// differences allowed are the three places where wabt departs from the spec's
// text-to-AST mapping, and the one place where 3.0 changed what an element
// segment's text means; each is normalised explicitly below and counted.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPart1Script, part1Files, suiteFiles } from '../../harness/testsuite.js';
import { encodeModule } from '../binary/encode.js';
import { convertScript, hasWast2json } from '../binary/wabt-fixtures.js';
import type { FeatureSet } from '../syntax/features.js';
import { WASM_2_0, WASM_3_0 } from '../syntax/features.js';
import type { Instr } from '../syntax/instructions.js';
import type { Module } from '../syntax/module.js';
import type { Command } from '../syntax/script.js';
import { isFuncType } from '../syntax/types.js';
import { parseWast } from './parse-script.js';

/**
 * Scripts of both suites wabt 1.0.32 cannot convert at all, so they are not cross-checked:
 * - comments.wast: wast2json aborts on an assertion in its lexer (`!tokens_.empty()`).
 * - if.wast: wabt rejects a folded `if` with several condition expressions,
 *   `(if (i32.const 1) (i32.eqz) (then) (else))` (line 533), which the spec allows.
 * - table_fill/get/grow/set/size.wast: wabt requires a table index on table.* instructions,
 *   while the 2.0 text format makes it optional (defaulting to table 0).
 */
const WABT_CANNOT_CONVERT = ['comments.wast', 'if.wast', 'table_fill.wast', 'table_get.wast', 'table_grow.wast', 'table_set.wast', 'table_size.wast'];

/**
 * The further part-1 scripts of the 3.0 suite that wabt 1.0.32 cannot convert, even with
 * --enable-all, by what it lacks:
 * - annotations `(@id ...)`: annotations.wast (the lexer assertion again);
 * - 64-bit tables `(table i64 ...)`: call_indirect64, memory64-imports, table64, table_copy64,
 *   table_copy_mixed, table_fill64, table_get64, table_grow64, table_set64, table_size64;
 * - memarg offsets above 2^32-1 (memory64 parses them as u64): align, align64;
 * - the script form `(module definition ...)`: instance, memory, memory64;
 * - table initialiser expressions `(table 10 funcref (ref.null func))`: global;
 * - quoted identifiers `$"..."`: id;
 * - the final names of relaxed SIMD's dot products (`i16x8.relaxed_dot_i8x16_i7x16_s`): relaxed_dot_product;
 * - the final exception handling (`try_table`, `exnref`; wabt has the legacy `try`): throw, throw_ref.
 */
const WABT_CANNOT_CONVERT_3_0_PART_1 = [
  ...WABT_CANNOT_CONVERT,
  'annotations.wast',
  ...['call_indirect64', 'memory64-imports', 'table64', 'table_copy64', 'table_copy_mixed', 'table_fill64', 'table_get64', 'table_grow64', 'table_set64', 'table_size64'].map((f) => `${f}.wast`),
  'align.wast',
  'align64.wast',
  'instance.wast',
  'memory.wast',
  'memory64.wast',
  'global.wast',
  'id.wast',
  'relaxed_dot_product.wast',
  'throw.wast',
  'throw_ref.wast',
];

/** The typed-reference and GC files of the 3.0 suite (the rest of it). */
function gcFiles(): string[] {
  return suiteFiles('wasm-3.0').filter((f) => !isPart1Script(readFileSync(f, 'latin1')));
}

/**
 * wabt 1.0.32 reads none of the typed-reference and GC files of the 3.0 suite but func.wast
 * (whose `(ref ...)` uses are all in quoted modules): it has no packed types (i8, i16), no GC
 * abstract heap types (any, eq, i31, struct, array, none, nofunc, noextern) or their
 * shorthands, no `(ref null? $t)` in most places, no `rec` or `sub`, none of the GC
 * instructions, no `ref.as_non_null`, `br_on_null`, `call_ref $t` with an immediate, table
 * initialisers or non-defaultable tables, and it aborts on linking.wast and return_call_ref.wast.
 */
const WABT_CONVERTS_OF_GC = ['func.wast'];

/**
 * Modules wabt 1.0.32 converts but encodes wrongly for 3.0: func.wast:659 declares a local
 * `(ref $t)`, which wabt writes in the pre-standard typed-references encoding (0x6B and then
 * the index as if it were a value type) instead of 0x64 and the heap type.
 */
const WABT_MISENCODES_OF_GC = ['func.wast:659'];

interface Suite {
  name: string;
  files: () => string[];
  features: FeatureSet;
  all: boolean;
  unconvertible: () => string[];
  misencoded: string[];
  identical: number;
}

const SUITES: Suite[] = [
  { name: 'the 2.0 suite', files: () => suiteFiles('wasm-2.0'), features: WASM_2_0, all: false, unconvertible: () => WABT_CANNOT_CONVERT, misencoded: [], identical: 3000 },
  { name: 'the part-1 files of the 3.0 suite', files: part1Files, features: WASM_3_0, all: true, unconvertible: () => WABT_CANNOT_CONVERT_3_0_PART_1, misencoded: [], identical: 3400 },
  {
    name: 'the typed-reference and GC files of the 3.0 suite',
    files: gcFiles,
    features: WASM_3_0,
    all: true,
    unconvertible: () => gcFiles().map((f) => basename(f)).filter((f) => !WABT_CONVERTS_OF_GC.includes(f)),
    misencoded: WABT_MISENCODES_OF_GC,
    identical: 50,
  },
];

/**
 * The four classes of known difference, each a rewrite of our AST towards wabt's choice:
 * 1. A block with an explicit `(type $t)` whose type is [] -> [] or [] -> [t]: the
 *    spec (and its reference interpreter) keep the type index; wabt writes the short
 *    block type (0x40 or the value type). Both decode to equivalent programs.
 * 2. `select (result)` with an empty type list: the spec's AST is a typed select with
 *    no types (opcode 0x1C 0x00, which validation then rejects with "invalid result
 *    arity"); wabt writes the untyped select 0x1B.
 * 3. `memory.init`/`data.drop` in a module with no data segments: the spec's encoder
 *    writes a data count section of 0 (so the module is invalid, "unknown data
 *    segment", as memory_init.wast expects, not malformed); wabt omits it.
 * 4. A 3.0 funcref segment of `ref.func` items, such as `(table funcref (elem $f))`: in 3.0
 *    only `func $f` lists have type `(ref func)`, so the spec's encoder writes a funcref
 *    segment as expressions (flags 4-7, which keep the type funcref); wabt writes function
 *    indices (flags 0-3), which a 3.0 decoder reads as `(ref func)`.
 */
function towardsWabt(m: Module): { module: Module; rewrites: number } {
  let rewrites = 0;
  const rewrite = (body: Instr[]): Instr[] =>
    body.map((i) => {
      let out: Instr = { ...i };
      if (i.body) out.body = rewrite(i.body);
      if (i.elseBody) out.elseBody = rewrite(i.elseBody);
      const bt = i.blockType;
      if (bt?.kind === 'type') {
        const t = m.types[bt.index];
        if (t && isFuncType(t) && t.params.length === 0 && t.results.length <= 1) {
          rewrites++;
          out.blockType = t.results.length === 0 ? { kind: 'empty' } : { kind: 'value', type: t.results[0]! };
        }
      }
      if (i.op === 'select_t' && i.types?.length === 0) {
        rewrites++;
        out = { op: 'select' };
      }
      return out;
    });
  const funcs = m.funcs.map((f) => ({ ...f, body: rewrite(f.body) }));
  const elems = m.elems.map((e) => {
    if (e.form !== 'exprs' || e.type !== 'funcref' || !e.init.every((x) => x.length === 1 && x[0]!.op === 'ref.func')) return e;
    rewrites++;
    const { form: _form, ...indices } = e;
    return indices;
  });
  const module: Module = { ...m, funcs, elems };
  if (m.dataCount === 0) {
    rewrites++;
    delete module.dataCount;
  }
  return { module, rewrites };
}

function textModules(commands: Command[]): { command: Command; module: Module; end: number }[] {
  const out: { command: Command; module: Module; end: number }[] = [];
  commands.forEach((c, i) => {
    if ('source' in c && c.source.kind === 'text') {
      out.push({ command: c, module: c.source.module, end: commands[i + 1]?.line ?? Infinity });
    }
  });
  return out;
}

describe.skipIf(!hasWast2json)('text parser + encoder against wabt 1.0.32 (skipped when wast2json is not installed)', () => {
  it.each(SUITES)('encodes every text module of $name exactly as wast2json does', (suite) => {
    const files = suite.files();
    expect(files.length).toBeGreaterThan(40);
    let identical = 0;
    let normalised = 0;
    const unconverted: string[] = [];
    const differences: string[] = [];
    for (const file of files) {
      const converted = convertScript(file, { all: suite.all });
      if (converted.error !== undefined) {
        unconverted.push(basename(file));
        continue;
      }
      const lines = converted.binaries.map((b) => Number(b.where.split(':').pop()));
      const script = parseWast(readFileSync(file, 'utf8'), file, suite.features);
      for (const { command, module, end } of textModules(script.commands)) {
        // wast2json records an assertion's module at the module's own line, so
        // pair each command with the first binary between it and the next command.
        const k = lines.findIndex((l) => l >= command.line && l < end);
        const where = `${basename(file)}:${command.line}`;
        if (k < 0) {
          differences.push(`${where}: wast2json wrote no binary`);
          continue;
        }
        const theirs = Buffer.from(converted.binaries[k]!.bytes);
        if (Buffer.from(encodeModule(module)).equals(theirs)) {
          identical++;
          continue;
        }
        const { module: adjusted, rewrites } = towardsWabt(module);
        if (rewrites > 0 && Buffer.from(encodeModule(adjusted)).equals(theirs)) normalised++;
        else differences.push(where);
      }
    }
    expect(unconverted.sort()).toEqual([...suite.unconvertible()].sort());
    expect(differences).toEqual(suite.misencoded);
    console.log(`wabt cross-check, ${suite.name}: ${identical} identical, ${normalised} identical after the documented normalisations`);
    expect(identical).toBeGreaterThan(suite.identical);
  }, 300_000);
});
