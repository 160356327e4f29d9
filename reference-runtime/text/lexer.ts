// The lexer of the text format (spec 6.2): parentheses, keywords, identifiers,
// numbers, strings and reserved tokens, with 1-based line and column. Tokens
// are maximal runs of identifier characters, so `i32.const0` is one
// (unknown) keyword and `0drop` one reserved token, as the spec requires.
import { ParseError } from '../errors.js';
import { isNumberLiteral } from './numbers.js';

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
    if (c === '\n') {
      newline(pos);
      pos += 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      pos += 1;
    } else if (c === ';' && text[pos + 1] === ';') {
      // a line comment ends at a newline, a carriage return, or both (spec 6.2.3)
      while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') pos += 1;
    } else if (c === '(' && text[pos + 1] === ';') {
      pos = skipBlockComment(pos);
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, line, column: pos - lineStart + 1 });
      pos += 1;
    } else if (c === '"' || isIdChar(c)) {
      tokens.push(readWord());
    } else {
      fail(`unexpected character`);
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
    let parts = 0;
    let bytes: Uint8Array | undefined;
    let idchars = false;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '"') {
        bytes = readString();
      } else if (isIdChar(ch)) {
        while (pos < text.length && isIdChar(text[pos]!)) pos += 1;
        idchars = true;
      } else {
        break;
      }
      parts += 1;
    }
    const word = text.slice(start, pos);
    if (parts > 1) return { kind: 'reserved', text: word, line, column };
    if (!idchars) return { kind: 'string', text: word, line, column, bytes: bytes! };
    return { kind: classify(word), text: word, line, column };
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
