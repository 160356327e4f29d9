// WAT modules (spec 6.6): `(module $id? field*)` or a bare sequence of fields.
import { ParseError } from '../errors.js';
import type { FeatureSet } from '../syntax/features.js';
import type { Module, NameSection } from '../syntax/module.js';
import { emptyModule } from '../syntax/module.js';
import { ModuleContext } from './context.js';
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { field, ModuleBuilder } from './parse-fields.js';
import { scanFields } from './scan-fields.js';

/**
 * Parses a text module. Throws only ParseError. `features` limits the 3.0
 * syntax accepted (absent: all of 3.0); a 2.0 script is parsed with WASM_2_0.
 */
export function parseWat(text: string, file?: string, features?: FeatureSet): Module {
  return guardDepth(file, () => parseWatText(text, file, features));
}

/**
 * Runs a recursive-descent parse, reporting input nested too deeply for the
 * JS stack (a RangeError) as a ParseError rather than a crash.
 */
export function guardDepth<T>(file: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof RangeError) throw new ParseError('nesting too deep', 1, 1, file);
    throw e;
  }
}

function parseWatText(text: string, file: string | undefined, features: FeatureSet | undefined): Module {
  const c = new Cursor(tokenize(text, file), file, features);
  let module: Module;
  if (c.isList('module')) {
    c.pos += 2;
    module = parseModuleFields(c, c.optId());
    c.rparen();
  } else {
    module = parseModuleFields(c, undefined);
  }
  if (!c.is('eof')) throw c.unexpected();
  return module;
}

/**
 * The fields inside `(module $id? ...)`, up to (not including) its `)`; `id`
 * is the module's name, already read. Also used by the script parser.
 */
export function parseModuleFields(c: Cursor, id: string | undefined): Module {
  const ctx = new ModuleContext(c);
  scanFields(ctx);
  const module = emptyModule();
  const b = new ModuleBuilder(ctx, module);
  while (c.is('lparen')) field(b);
  if (!c.is('rparen') && !c.is('eof')) throw c.unexpected();
  module.types = ctx.types;
  const recs = ctx.recGroups();
  if (recs !== undefined) module.recs = recs;
  // The spec's encoder writes a data count section whenever an instruction
  // needs one, even with no data segments: a `data.drop 0` module is then
  // invalid ("unknown data segment"), not malformed (memory_init.wast).
  // wabt 1.0.32 omits it when there are no segments; the cross-check says so.
  if (b.usesDataSegments) module.dataCount = module.datas.length;
  const names = nameSection(id, b);
  if (names !== undefined) module.names = names;
  return module;
}

/** The name section contents from the module's, functions' and locals' `$ids`, when there are any. */
function nameSection(id: string | undefined, b: ModuleBuilder): NameSection | undefined {
  if (id === undefined && b.funcNames.size === 0 && b.localNames.size === 0) return undefined;
  return { ...(id === undefined ? {} : { module: id.slice(1) }), funcs: b.funcNames, locals: b.localNames };
}
