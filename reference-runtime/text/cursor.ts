// A cursor over the token list with the small vocabulary the parsers share:
// look ahead, take a token of a kind, recognise `(keyword`, and report errors
// at a token with the spec testsuite's wording.
import { ParseError } from '../errors.js';
import type { Feature, FeatureSet } from '../syntax/features.js';
import { has } from '../syntax/features.js';
import { opInfo } from '../syntax/opcodes.js';
import type { Token, TokenKind } from './lexer.js';
import { LiteralRangeError } from './numbers.js';

/** Keywords of the grammar that are not instruction names. */
const GRAMMAR_KEYWORDS = new Set([
  'module', 'type', 'func', 'param', 'result', 'local', 'import', 'export', 'table', 'memory', 'global',
  'mut', 'elem', 'data', 'start', 'offset', 'item', 'declare', 'then', 'else', 'end', 'funcref', 'externref',
  'extern', 'i32', 'i64', 'f32', 'f64', 'v128', 'i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2',
  'binary', 'quote', 'register', 'invoke', 'get', 'assert_return', 'assert_trap', 'assert_exhaustion',
  'assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable', 'nan:canonical',
  'nan:arithmetic', 'ref.extern',
  // 3.0, part 1
  'tag', 'exnref', 'exn', 'catch', 'catch_ref', 'catch_all', 'catch_all_ref', 'definition', 'instance',
  'assert_exception', 'either',
  // 3.0, typed function references and GC: types, heap types, and script result patterns
  'ref', 'null', 'rec', 'sub', 'final', 'struct', 'array', 'field', 'i8', 'i16', 'any', 'eq', 'i31', 'none', 'nofunc',
  'noextern', 'noexn', 'anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'nullref', 'nullfuncref', 'nullexternref',
  'nullexnref', 'ref.host', 'ref.struct', 'ref.array', 'ref.exn', 'ref.any',
]);

/** The keywords of the GC feature; `ref` and `null` came with function references, the exn ones with exceptions. */
const GC_KEYWORDS = [
  'rec', 'sub', 'final', 'struct', 'array', 'field', 'i8', 'i16', 'any', 'eq', 'i31', 'none', 'nofunc', 'noextern',
  'anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'nullref', 'nullfuncref', 'nullexternref',
];

/** Grammar keywords a 3.0 feature introduced: unknown words where the feature is off. */
const FEATURE_KEYWORDS: ReadonlyMap<string, Feature> = new Map<string, Feature>([
  ...['tag', 'exnref', 'exn', 'noexn', 'nullexnref', 'catch', 'catch_ref', 'catch_all', 'catch_all_ref'].map((w) => [w, 'exceptions'] as const),
  ...['ref', 'null'].map((w) => [w, 'function-references'] as const),
  ...GC_KEYWORDS.map((w) => [w, 'gc'] as const),
]);

/** Whether the keyword belongs to the language at all (otherwise it is an "unknown operator"). */
export function isKnownKeyword(word: string): boolean {
  return GRAMMAR_KEYWORDS.has(word) || opInfo(word) !== undefined || /^(offset|align)=(0x[0-9a-fA-F](_?[0-9a-fA-F])*|[0-9](_?[0-9])*)$/.test(word);
}

export class Cursor {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly file?: string,
    /** the syntax to accept: 3.0 features not in the set are not parsed (absent: all of 3.0) */
    readonly features?: FeatureSet,
  ) {}

  /** Whether a keyword is part of the language with this cursor's features. */
  knows(word: string): boolean {
    const f = FEATURE_KEYWORDS.get(word) ?? opInfo(word)?.feature;
    return f === undefined || this.allows(f);
  }

  /** Whether the syntax of a 3.0 feature is accepted. */
  allows(f: Feature): boolean {
    return has(this.features, f);
  }

  /**
   * Whether this is 3.0 text, with any 3.0 feature on: for what 3.0 changed
   * beyond its features (the wording of lane index errors, table initialisers).
   */
  get isWasm3(): boolean {
    return this.features === undefined || this.features.size > 0;
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos += 1;
    return t;
  }

  error(message: string, at: Token = this.peek()): ParseError {
    return new ParseError(message, at.line, at.column, this.file);
  }

  /** The error for a token that the grammar does not allow here. */
  unexpected(at: Token = this.peek()): ParseError {
    if (at.kind === 'eof') return this.error('unexpected end of input', at);
    if (at.kind === 'reserved' || (at.kind === 'keyword' && (!isKnownKeyword(at.text) || !this.knows(at.text)))) {
      return this.error(`unknown operator ${at.text}`, at);
    }
    return this.error('unexpected token', at);
  }

  is(kind: TokenKind, ahead = 0): boolean {
    return this.peek(ahead).kind === kind;
  }

  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'keyword' && t.text === word;
  }

  /** Whether a list `(word ...` starts here. */
  isList(word: string): boolean {
    return this.is('lparen') && this.isKeyword(word, 1);
  }

  take(kind: TokenKind): Token {
    if (!this.is(kind)) throw this.unexpected();
    return this.next();
  }

  keyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected();
    return this.next();
  }

  lparen(): void {
    this.take('lparen');
  }

  rparen(): void {
    this.take('rparen');
  }

  /** Consumes `(word` when it is there. */
  openList(word: string): boolean {
    if (!this.isList(word)) return false;
    this.pos += 2;
    return true;
  }

  /** An optional `$id`. */
  optId(): string | undefined {
    return this.is('id') ? this.next().text : undefined;
  }

  string(): Uint8Array {
    return this.take('string').bytes!;
  }

  /** Runs a literal conversion, turning a range error into a ParseError at the token. */
  literal<T>(at: Token, convert: () => T | undefined, rangeMessage = 'constant out of range'): T {
    try {
      const v = convert();
      if (v === undefined) throw this.unexpected(at);
      return v;
    } catch (e) {
      if (e instanceof LiteralRangeError) throw this.error(rangeMessage, at);
      throw e;
    }
  }

  /** Skips one balanced token or list. */
  skipItem(): void {
    if (!this.is('lparen')) {
      if (this.is('rparen') || this.is('eof')) throw this.unexpected();
      this.next();
      return;
    }
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === 'lparen') depth += 1;
      else if (t.kind === 'rparen') depth -= 1;
      else if (t.kind === 'eof') throw this.unexpected(t);
    } while (depth > 0);
  }
}
