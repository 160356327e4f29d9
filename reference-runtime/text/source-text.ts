// Source text from bytes that may not be UTF-8. A quoted module (`module quote
// "..."`) is bytes: the script's string escapes can put any byte into it, and
// the spec interpreter's lexer, which reads bytes, reports a byte that is not
// part of a UTF-8 sequence as "malformed UTF-8 encoding" where it meets it.
// The text parser reads JS strings, so each such byte becomes a lone surrogate
// (U+DC80..U+DCFF, the "surrogateescape" convention): no well-formed UTF-8
// decodes to one, so the lexer can tell them apart from every real character.

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8, turning each byte outside a well-formed sequence into the lone surrogate U+DC00+byte. */
export function decodeSource(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeLeniently(bytes);
  }
}

function decodeLeniently(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]!);
      i += 1;
    } else {
      out += strict.decode(bytes.subarray(i, i + n));
      i += n;
    }
  }
  return out;
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Whether the UTF-16 unit at `at` is a surrogate that is not half of a pair (a byte that was not UTF-8). */
export function isLoneSurrogate(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0xd800 || c > 0xdfff) return false;
  if (c <= 0xdbff) {
    const next = text.charCodeAt(at + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  const prev = text.charCodeAt(at - 1);
  return !(prev >= 0xd800 && prev <= 0xdbff);
}
