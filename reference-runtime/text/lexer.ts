// The lexer of the text format (spec 6.2): parentheses, keywords, identifiers
// (`$name` and `$"string"`), numbers, strings and reserved tokens, with
// 1-based line and column. Tokens are maximal runs of identifier characters,
// so `i32.const0` is one (unknown) keyword and `0drop` one reserved token, as
// the spec requires; `,;[]{}` only ever make reserved tokens (3.0). Comments
// and annotations `(@id ...)` are white space. The error wording is the spec
// interpreter's: "illegal character" for a character the grammar never
// allows outside strings and comments, "malformed UTF-8 encoding" for bytes
// that are not UTF-8 (a lone surrogate here, see source-text.ts).
import { ParseError } from '../errors.js';
import { isNumberLiteral } from './numbers.js';
import { isLoneSurrogate } from './source-text.js';

export type TokenKind = 'lparen' | 'rparen' | 'keyword' | 'id' | 'num' | 'string' | 'reserved' | 'eof';

export interface Token {
  kind: TokenKind;
  /** the source text of the token (for strings: including quotes) */
  text: string;
  line: number;
  column: number;
  /** string tokens: the bytes the string denotes */
  bytes?: Uint8Array;
}

/** idchar (spec 6.3.5) by char code, a table because the lexer asks for every character. */
const ID_CHAR = new Uint8Array(128);
for (const ch of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~") ID_CHAR[ch.charCodeAt(0)] = 1;

function isIdChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 128 && ID_CHAR[code] === 1;
}

/** `,` `[` `]` `{` `}` and a `;` that does not start a line comment: characters only reserved tokens contain. */
function isReservedPunct(text: string, pos: number): boolean {
  const c = text[pos];
  if (c === ';') return text[pos + 1] !== ';';
  return c === ',' || c === '[' || c === ']' || c === '{' || c === '}';
}

const ID_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const encoder = new TextEncoder();

export function tokenize(text: string, file?: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string, at = pos): never => {
    throw new ParseError(message, line, at - lineStart + 1, file);
  };
  const newline = (at: number) => {
    line += 1;
    lineStart = at + 1;
  };

  while (pos < text.length) {
    const c = text[pos]!;
    if (skipSpace(c, true)) {
      continue;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, line, column: pos - lineStart + 1 });
      pos += 1;
    } else if (c === '"' || isIdChar(c) || isReservedPunct(text, pos)) {
      tokens.push(readWord());
    } else {
      badCharacter();
    }
  }
  tokens.push({ kind: 'eof', text: '', line, column: pos - lineStart + 1 });
  return tokens;

  /**
   * A maximal run of identifier characters and strings. A lone string or a
   * lone run of identifier characters is a token of its own; anything mixed
   * (`"a"x`, `$l"a"`) is reserved: tokens must be separated.
   */
  function readWord(): Token {
    const start = pos;
    const column = start - lineStart + 1;
    if (text[pos] === '$' && (pos + 1 >= text.length || !isIdChar(text[pos + 1]!))) return readStringId(column);
    let parts = 0;
    let bytes: Uint8Array | undefined;
    let idchars = false;
    let punct = false;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '"') {
        bytes = readString();
      } else if (isIdChar(ch)) {
        while (pos < text.length && isIdChar(text[pos]!)) pos += 1;
        idchars = true;
      } else if (isReservedPunct(text, pos)) {
        pos += 1;
        punct = true;
      } else {
        break;
      }
      parts += 1;
    }
    const word = text.slice(start, pos);
    if (parts > 1 || punct) return { kind: 'reserved', text: word, line, column };
    if (!idchars) return { kind: 'string', text: word, line, column, bytes: bytes! };
    return { kind: classify(word), text: word, line, column };
  }

  /**
   * `$"name"`: an identifier written as a string (3.0), the same identifier as
   * `$name` when the characters allow that form. A `$` followed by neither
   * identifier characters nor a well-formed string is an empty identifier.
   */
  function readStringId(column: number): Token {
    const start = pos;
    pos += 1;
    const name = readNameString(start) ?? fail('empty identifier', start);
    const end = pos;
    // anything glued on makes one reserved token
    while (pos < text.length && (text[pos] === '"' || isIdChar(text[pos]!) || isReservedPunct(text, pos))) {
      if (text[pos] === '"') readString();
      else pos += 1;
    }
    if (pos > end) return { kind: 'reserved', text: text.slice(start, pos), line, column };
    return { kind: 'id', text: '$' + name, line, column };
  }

  /**
   * The name a string at `pos` spells (`$"..."`, `(@"...")`): undefined when
   * no well-formed, non-empty string is there; a name must be UTF-8.
   */
  function readNameString(start: number): string | undefined {
    if (text[pos] !== '"') return undefined;
    let bytes: Uint8Array;
    try {
      bytes = readString();
    } catch (e) {
      if (e instanceof ParseError) return undefined;
      throw e;
    }
    if (bytes.length === 0) return undefined;
    try {
      return ID_DECODER.decode(bytes);
    } catch {
      return fail('malformed UTF-8 encoding', start);
    }
  }

  /**
   * Skips one piece of white space starting with `c` at `pos`: a space or
   * format character, a comment, or (outside annotations, where `(@` is just
   * a parenthesis) an annotation. False when there is none.
   */
  function skipSpace(c: string, annotations: boolean): boolean {
    if (c === '\n') {
      newline(pos);
      pos += 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      pos += 1;
    } else if (c === ';' && text[pos + 1] === ';') {
      // a line comment ends at a newline, a carriage return, or both (spec 6.2.3)
      pos = skipLineComment(pos);
    } else if (c === '(' && text[pos + 1] === ';') {
      pos = skipBlockComment(pos);
    } else if (annotations && c === '(' && text[pos + 1] === '@') {
      skipAnnotation();
    } else {
      return false;
    }
    return true;
  }

  /** A character no token may contain, outside strings and comments. */
  function badCharacter(): never {
    return fail(isLoneSurrogate(text, pos) ? 'malformed UTF-8 encoding' : 'illegal character');
  }

  /**
   * `(@id ...)` (spec 6.2.5): white space. The id is idchars or a non-empty
   * string; the body is any tokens, white space, comments and nested
   * parenthesised sequences, up to the matching `)`.
   */
  function skipAnnotation(): void {
    const start = pos;
    const startLine = line;
    const startColumn = pos - lineStart + 1;
    pos += 2;
    if (pos < text.length && isIdChar(text[pos]!)) {
      while (pos < text.length && isIdChar(text[pos]!)) pos += 1;
    } else if (readNameString(start) === undefined) {
      fail('empty annotation id', start);
    }
    let depth = 1;
    while (depth > 0) {
      if (pos >= text.length) throw new ParseError('unclosed annotation', startLine, startColumn, file);
      const ch = text[pos]!;
      if (skipSpace(ch, false)) {
        continue;
      } else if (ch === '(') {
        depth += 1;
        pos += 1;
      } else if (ch === ')') {
        depth -= 1;
        pos += 1;
      } else if (ch === '"') {
        readString();
      } else if (isIdChar(ch) || isReservedPunct(text, pos)) {
        pos += 1;
      } else {
        badCharacter();
      }
    }
  }

  function skipLineComment(at: number): number {
    let p = at;
    while (p < text.length && text[p] !== '\n' && text[p] !== '\r') {
      if (isLoneSurrogate(text, p)) fail('malformed UTF-8 encoding', p);
      p += 1;
    }
    return p;
  }

  function skipBlockComment(start: number): number {
    let depth = 0;
    let p = start;
    while (p < text.length) {
      if (text[p] === '(' && text[p + 1] === ';') {
        depth += 1;
        p += 2;
      } else if (text[p] === ';' && text[p + 1] === ')') {
        depth -= 1;
        p += 2;
        if (depth === 0) return p;
      } else {
        if (text[p] === '\n') newline(p);
        else if (isLoneSurrogate(text, p)) fail('malformed UTF-8 encoding', p);
        p += 1;
      }
    }
    return fail('unclosed comment', start);
  }

  function readString(): Uint8Array {
    const out: number[] = [];
    pos += 1;
    for (;;) {
      if (pos >= text.length) fail('unclosed string');
      const ch = text[pos]!;
      if (ch === '"') {
        pos += 1;
        return Uint8Array.from(out);
      }
      if (ch === '\n') fail('unclosed string');
      if (ch === '\\') {
        pos = readEscape(pos, out);
        continue;
      }
      const cp = text.codePointAt(pos)!;
      if (cp < 0x20 || cp === 0x7f) fail('illegal control character');
      if (isLoneSurrogate(text, pos)) fail('malformed UTF-8 encoding');
      if (cp < 0x80) {
        out.push(cp);
        pos += 1;
        continue;
      }
      const s = String.fromCodePoint(cp);
      out.push(...encoder.encode(s));
      pos += s.length;
    }
  }

  function readEscape(at: number, out: number[]): number {
    const e = text[at + 1];
    const simple: Record<string, number> = { t: 9, n: 10, r: 13, '"': 0x22, "'": 0x27, '\\': 0x5c };
    if (e !== undefined && e in simple) {
      out.push(simple[e]!);
      return at + 2;
    }
    if (e === 'u' && text[at + 2] === '{') {
      const close = text.indexOf('}', at + 3);
      const hex = close < 0 ? '' : text.slice(at + 3, close);
      if (!/^[0-9a-fA-F](_?[0-9a-fA-F])*$/.test(hex)) fail('illegal escape', at);
      const cp = parseInt(hex.replace(/_/g, ''), 16);
      if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) fail('illegal escape', at);
      out.push(...encoder.encode(String.fromCodePoint(cp)));
      return close + 1;
    }
    const hex2 = text.slice(at + 1, at + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex2)) {
      out.push(parseInt(hex2, 16));
      return at + 3;
    }
    return fail('illegal escape', at);
  }
}

function classify(word: string): TokenKind {
  if (word[0] === '$' && word.length > 1) return 'id';
  if (isNumberLiteral(word)) return 'num';
  if (/^[a-z]/.test(word)) return 'keyword';
  return 'reserved';
}
