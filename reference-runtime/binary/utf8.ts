// Names are UTF-8 (spec 5.2.4). The WHATWG decoder in fatal mode rejects
// exactly what the spec rejects: overlong forms, surrogates, code points above
// U+10FFFF, stray continuation bytes and truncated sequences. `ignoreBOM`
// keeps a leading U+FEFF, which is an ordinary character in a name.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The string the bytes encode, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  // Short pure-ASCII names are the common case and need no decoder call.
  if (bytes.length <= 32) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) return decodeStrict(bytes);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decodeStrict(bytes);
}

function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
