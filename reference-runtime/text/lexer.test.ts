import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { tokenize } from './lexer.js';
import { decodeSource } from './source-text.js';

function lexError(text: string): string {
  try {
    tokenize(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return (e as ParseError).message;
  }
  throw new Error('expected a ParseError');
}

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('tokenize: annotations (3.0)', () => {
  it('treats an annotation as white space, whatever it holds', () => {
    expect(kinds('((@a) module (@a x-y $yz "aa" -2 0.3 (bla (@b)) ;; c\n) $m)')).toEqual(['lparen:(', 'keyword:module', 'id:$m', 'rparen:)', 'eof:']);
    expect(kinds('(@a , ; ] [ }} }x{ ({) ,{{};}] ;)')).toEqual(['eof:']);
    expect(kinds('(@a (;bla;) (; ) ;)\n ;; bla)\n)')).toEqual(['eof:']);
    expect(kinds('(@"a b") (@a")")')).toEqual(['eof:']);
  });

  it('reports malformed annotations with the interpreter wording', () => {
    expect(lexError('(@)')).toBe('empty annotation id');
    expect(lexError('(@ x)')).toBe('empty annotation id');
    expect(lexError('(@(@a)x)')).toBe('empty annotation id');
    expect(lexError('(@"")')).toBe('empty annotation id');
    expect(lexError('(@"\n")')).toBe('empty annotation id');
    expect(lexError('(@"\\ef")')).toBe('malformed UTF-8 encoding');
    expect(lexError('(@x (y (z))')).toBe('unclosed annotation');
    expect(lexError('(@x ;; c')).toBe('unclosed annotation');
    expect(lexError('(@x ")')).toBe('unclosed string');
    expect(lexError('(@a \u0001)')).toBe('illegal character');
    expect(lexError('(@a Heiße)')).toBe('illegal character');
    expect(lexError('(@a \udc80)')).toBe('malformed UTF-8 encoding');
  });
});

describe('tokenize: identifiers', () => {
  it('reads $"..." as the identifier its string names', () => {
    expect(kinds('$"fh" $fh $"\\41B" $" a\\tb"')).toEqual(['id:$fh', 'id:$fh', 'id:$AB', 'id:$ a\tb', 'eof:']);
  });

  it('rejects empty identifiers and names that are not UTF-8', () => {
    expect(lexError('$')).toBe('empty identifier');
    expect(lexError('$ "a"')).toBe('empty identifier');
    expect(lexError('$""')).toBe('empty identifier');
    expect(lexError('$"a\nb"')).toBe('empty identifier');
    expect(lexError('$(@a)')).toBe('empty identifier');
    expect(lexError('$"\\ef"')).toBe('malformed UTF-8 encoding');
  });

  it('makes anything glued to a string identifier one reserved token', () => {
    expect(kinds('$"l"0 $"l"$l 0$"l"').slice(0, 3)).toEqual(['reserved:$"l"0', 'reserved:$"l"$l', 'reserved:0$"l"']);
  });
});

describe('tokenize: characters', () => {
  it('makes , ; [ ] { } reserved, and lets ;; still start a comment', () => {
    expect(kinds('a,b [x] ; i32.add;; c')).toEqual(['reserved:a,b', 'reserved:[x]', 'reserved:;', 'keyword:i32.add', 'eof:']);
  });

  it('says illegal character outside strings and comments, malformed UTF-8 for a byte that was not UTF-8', () => {
    expect(lexError('(func é)')).toBe('illegal character');
    expect(lexError('(func \u0000)')).toBe('illegal character');
    expect(lexError('(func \udcff)')).toBe('malformed UTF-8 encoding');
    expect(lexError(';; \udcff')).toBe('malformed UTF-8 encoding');
    expect(lexError('(; \udcff ;)')).toBe('malformed UTF-8 encoding');
    expect(lexError('"\udcff"')).toBe('malformed UTF-8 encoding');
    expect(kinds(';; é 😀\n"😀" (; 😀 ;)')).toEqual(['string:"😀"', 'eof:']);
  });
});

describe('decodeSource', () => {
  const utf8 = new TextEncoder();
  /** The bytes back: characters as UTF-8, each lone surrogate U+DCxx as the byte xx. */
  function encodeSource(text: string): number[] {
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
      else out.push(...utf8.encode(ch));
    }
    return out;
  }

  it('equals the strict UTF-8 decoding on UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeSource(utf8.encode(s))).toBe(s);
      }),
    );
  });

  it('keeps every byte: encoding the result back gives the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(encodeSource(decodeSource(bytes))).toEqual([...bytes]);
      }),
    );
  });

  it('turns exactly the bytes outside well-formed sequences into lone surrogates', () => {
    expect(decodeSource(Uint8Array.of(0x61, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0x80, 0xf4, 0x90))).toBe('a\udc80é\udced\udca0\udc80\udcf4\udc90');
  });
});
