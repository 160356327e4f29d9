// The .wast script language (WebAssembly/spec interpreter README, "Scripts"):
// modules in text, binary or quoted form, actions, registrations and
// assertions. Quoted modules are kept as text: they are usually malformed on
// purpose, and the script runner parses them when it runs the command.
import { concatBytes } from './concat-bytes.js';
import type { FeatureSet } from '../syntax/features.js';
import type { Action, Command, ModuleSource, RefKindPattern, Script, WastConst, WastExpected } from '../syntax/script.js';
import { refType } from '../syntax/types.js';
import { ModuleContext } from './context.js';
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import type { Token } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseUnsigned } from './numbers.js';
import { guardDepth, parseModuleFields } from './parse-module.js';
import { heapType } from './parse-types.js';
import { laneBits, laneBytes, laneCount, shape } from './parse-v128.js';
import { decodeSource } from './source-text.js';

const MODULE_FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data']);

/**
 * Parses a .wast script; its text modules with the 3.0 syntax that `features`
 * allows (absent: all of 3.0). Quoted modules stay text: the runner parses them.
 */
export function parseWast(text: string, file?: string, features?: FeatureSet): Script {
  return guardDepth(file, () => parseScriptText(text, file, features));
}

function parseScriptText(text: string, file: string | undefined, features: FeatureSet | undefined): Script {
  const c = new Cursor(tokenize(text, file), file, features);
  const commands: Command[] = [];
  if (c.is('lparen') && MODULE_FIELDS.has(c.peek(1).text)) {
    // A script may be a bare module: its fields without `(module ...)` around them.
    const line = c.peek().line;
    const module = parseModuleFields(c, undefined);
    if (!c.is('eof')) throw c.unexpected();
    return { file: file ?? '<input>', commands: [{ kind: 'module', line, source: { kind: 'text', module } }] };
  }
  while (!c.is('eof')) commands.push(command(c));
  return { file: file ?? '<input>', commands };
}

function command(c: Cursor): Command {
  if (!c.is('lparen')) throw c.unexpected();
  const open = c.peek();
  const line = open.line;
  const kw = c.peek(1);
  if (kw.kind !== 'keyword') throw c.unexpected(kw);
  switch (kw.text) {
    case 'module': {
      if (c.peek(2).kind === 'keyword' && c.peek(2).text === 'instance') return moduleInstance(c, line);
      const { name, source, definition } = scriptModule(c);
      return { kind: definition ? 'module_definition' : 'module', line, ...(name === undefined ? {} : { name }), source };
    }
    case 'register': {
      c.pos += 2;
      const as = utf8(c.string());
      const module = c.optId();
      c.rparen();
      return { kind: 'register', line, as, ...(module === undefined ? {} : { module }) };
    }
    case 'invoke':
    case 'get':
      return { kind: 'action', line, action: action(c) };
  }
  c.pos += 2;
  let cmd: Command;
  switch (kw.text) {
    case 'assert_return': {
      const act = action(c);
      const expected: WastExpected[] = [];
      while (c.is('lparen')) expected.push(result(c));
      cmd = { kind: 'assert_return', line, action: act, expected };
      break;
    }
    case 'assert_trap':
      if (c.isList('module')) {
        const source = instanceModule(c);
        cmd = { kind: 'assert_trap_module', line, source, message: message(c) };
      } else {
        const act = action(c);
        cmd = { kind: 'assert_trap', line, action: act, message: message(c) };
      }
      break;
    case 'assert_exhaustion': {
      const act = action(c);
      cmd = { kind: 'assert_exhaustion', line, action: act, message: message(c) };
      break;
    }
    case 'assert_exception':
      cmd = { kind: 'assert_exception', line, action: action(c) };
      break;
    case 'assert_unlinkable':
    case 'assert_uninstantiable': {
      const source = instanceModule(c);
      cmd = { kind: kw.text, line, source, message: message(c) };
      break;
    }
    case 'assert_invalid':
    case 'assert_malformed': {
      const source = scriptModule(c).source;
      cmd = { kind: kw.text, line, source, message: message(c) };
      break;
    }
    default:
      throw c.unexpected(kw);
  }
  c.rparen();
  return cmd;
}

// ignoreBOM keeps a leading U+FEFF in names (names.wast exports one).
const scriptDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

function utf8(bytes: Uint8Array): string {
  return scriptDecoder.decode(bytes);
}

function message(c: Cursor): string {
  return utf8(c.string());
}

/**
 * `(module instance $inst? $def?)`: one identifier names the definition, two name the
 * instance and then the definition.
 */
function moduleInstance(c: Cursor, line: number): Command {
  c.lparen();
  c.keyword('module');
  c.keyword('instance');
  const first = c.optId();
  const second = c.optId();
  c.rparen();
  if (second !== undefined) return { kind: 'module_instance', line, instance: first, definition: second };
  return { kind: 'module_instance', line, ...(first === undefined ? {} : { definition: first }) };
}

/** A module that an assertion instantiates: a definition there is misplaced (the interpreter's words). */
function instanceModule(c: Cursor): ModuleSource {
  const at = c.peek();
  const m = scriptModule(c);
  if (m.definition) throw c.error('misplaced module definition', at);
  return m.source;
}

/** `(module definition? $id? ...)` in any of its three forms. */
function scriptModule(c: Cursor): { name?: string; source: ModuleSource; definition: boolean } {
  c.lparen();
  c.keyword('module');
  const definition = c.isKeyword('definition');
  if (definition) c.next();
  const id = c.optId();
  let source: ModuleSource;
  if (c.isKeyword('binary')) {
    c.next();
    source = { kind: 'binary', bytes: concatBytes(strings(c)) };
  } else if (c.isKeyword('quote')) {
    c.next();
    source = { kind: 'quote', text: decodeSource(concatBytes(strings(c))) };
  } else {
    source = { kind: 'text', module: parseModuleFields(c, id) };
  }
  c.rparen();
  return { ...(id === undefined ? {} : { name: id }), source, definition };
}

function strings(c: Cursor): Uint8Array[] {
  const out: Uint8Array[] = [];
  while (c.is('string')) out.push(c.string());
  return out;
}


/** `(invoke $id? "name" const*)` or `(get $id? "name")`. */
function action(c: Cursor): Action {
  c.lparen();
  const kw = c.next();
  const module = c.optId();
  const name = utf8(c.string());
  const mod = module === undefined ? {} : { module };
  let act: Action;
  if (kw.kind === 'keyword' && kw.text === 'invoke') {
    const args: WastConst[] = [];
    while (c.is('lparen')) args.push(constant(c));
    act = { kind: 'invoke', ...mod, name, args };
  } else if (kw.kind === 'keyword' && kw.text === 'get') {
    act = { kind: 'get', ...mod, name };
  } else {
    throw c.unexpected(kw);
  }
  c.rparen();
  return act;
}

function isNanPattern(t: Token): boolean {
  return t.kind === 'keyword' && (t.text === 'nan:canonical' || t.text === 'nan:arithmetic');
}

/** The result patterns that are also constants (exact values). */
const CONSTANT_TYPES = new Set<string>(['i32', 'i64', 'f32', 'f64', 'v128', 'ref.null', 'ref.extern', 'ref.host']);

/**
 * The `(ref.<kind>)` result patterns beyond func and extern (3.0): a non-null
 * reference of that abstract heap type. `(ref)` is the spec interpreter's
 * spelling of `(ref.any)`.
 */
const REF_KIND_PATTERNS: ReadonlyMap<string, RefKindPattern> = new Map([
  ['ref.any', 'any'],
  ['ref', 'any'],
  ['ref.eq', 'eq'],
  ['ref.i31', 'i31'],
  ['ref.struct', 'struct'],
  ['ref.array', 'array'],
  ['ref.exn', 'exn'],
] as const);

/** A constant argument: `(t.const v)`, `(ref.null t)`, `(ref.extern n)`, `(ref.host n)`. */
function constant(c: Cursor): WastConst {
  const e = result(c);
  if (!('nan' in e) && CONSTANT_TYPES.has(e.type)) return e as WastConst;
  throw c.error('unexpected token');
}

/** An expected result: a constant, a NaN pattern, per-lane v128 patterns, `(ref.func)`, `(ref.extern)`. */
function result(c: Cursor): WastExpected {
  c.lparen();
  const kw = c.next();
  let r: WastExpected;
  const num = () => c.take('num');
  switch (kw.kind === 'keyword' ? kw.text : '') {
    case 'i32.const': {
      const t = num();
      r = { type: 'i32', value: c.literal(t, () => parseI32(t.text)) };
      break;
    }
    case 'i64.const': {
      const t = num();
      r = { type: 'i64', value: c.literal(t, () => parseI64(t.text)) };
      break;
    }
    case 'f32.const':
      if (isNanPattern(c.peek())) r = { type: 'f32', nan: c.next().text as 'nan:canonical' };
      else {
        const t = num();
        r = { type: 'f32', bits: c.literal(t, () => parseF32(t.text)) };
      }
      break;
    case 'f64.const':
      if (isNanPattern(c.peek())) r = { type: 'f64', nan: c.next().text as 'nan:canonical' };
      else {
        const t = num();
        r = { type: 'f64', bits: c.literal(t, () => parseF64(t.text)) };
      }
      break;
    case 'v128.const':
      r = v128Expected(c);
      break;
    case 'ref.null':
      // A script has no types of its own: a heap type is abstract, or a bare index.
      r = c.is('rparen') ? { type: 'ref.null-any' } : { type: 'ref.null', refType: refType(true, heapType(new ModuleContext(c))) };
      break;
    case 'ref.extern':
      if (c.is('rparen')) r = { type: 'ref.extern-any' };
      else r = { type: 'ref.extern', value: hostRefNumber(c) };
      break;
    case 'ref.host':
      r = { type: 'ref.host', value: hostRefNumber(c) };
      break;
    case 'ref.func':
      r = { type: 'ref.func' };
      break;
    case 'either': {
      const options: WastExpected[] = [];
      while (c.is('lparen')) options.push(result(c));
      if (options.length === 0) throw c.unexpected();
      r = { type: 'either', options };
      break;
    }
    default: {
      const heap = kw.kind === 'keyword' && c.is('rparen') ? REF_KIND_PATTERNS.get(kw.text) : undefined;
      if (heap === undefined || !c.knows(kw.text)) throw c.unexpected(kw);
      r = { type: 'ref.kind', heap };
    }
  }
  c.rparen();
  return r;
}

/** The number of `(ref.extern N)` and `(ref.host N)`: a u32. */
function hostRefNumber(c: Cursor): number {
  const t = c.take('num');
  return Number(c.literal(t, () => parseUnsigned(t.text, 32)));
}

/** `v128.const shape lane*` where float lanes may be NaN patterns. */
function v128Expected(c: Cursor): WastExpected {
  const s = shape(c);
  const lanes: (bigint | 'nan:canonical' | 'nan:arithmetic')[] = [];
  while (!c.is('rparen')) {
    if (lanes.length === laneCount(s)) throw c.error('wrong number of lane literals');
    if ((s === 'f32x4' || s === 'f64x2') && isNanPattern(c.peek())) lanes.push(c.next().text as 'nan:canonical');
    else lanes.push(laneBits(c, s));
  }
  if (lanes.length !== laneCount(s)) throw c.error('wrong number of lane literals');
  if (lanes.every((l) => typeof l === 'bigint')) return { type: 'v128', bytes: laneBytes(s, lanes as bigint[]) };
  const shapeName = s as 'f32x4' | 'f64x2';
  return {
    type: 'v128-lanes',
    shape: shapeName,
    lanes: lanes.map((l) => (typeof l === 'bigint' && shapeName === 'f32x4' ? Number(l) : l)),
  };
}
