// Malformed binaries: a valid module's bytes with its structure broken where
// a decoder must notice: truncation, a bad magic or version, an unknown
// section id, a section size that lies, an unknown opcode, an overlong LEB128,
// junk after the last section, a code section missing, a section repeated,
// a data count that disagrees, or random byte edits (the decoder fuzzer's
// mutations). Most of these cannot decode; random edits sometimes still do.
import { mutate, type Mutation } from '../../reference-runtime/binary/fuzz.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { encodeUnsigned, readUnsigned } from '../../reference-runtime/binary/leb128.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { Choices } from './choices.js';

interface Section {
  id: number;
  /** offset of the id byte */
  start: number;
  /** offset of the contents, and just after them */
  body: number;
  end: number;
}

function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const size = readUnsigned(bytes, pos + 1, 32);
    out.push({ id: bytes[pos]!, start: pos, body: size.next, end: size.next + size.value });
    pos = size.next + size.value;
  }
  return out;
}

const cat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

type Break = (bytes: Uint8Array, c: Choices, m: Module) => Uint8Array | undefined;

const BREAKS: Record<string, Break> = {
  truncate: (b, c) => b.subarray(0, 8 + c.int(b.length - 8)).slice(),
  'bad-header': (b, c) => {
    const out = b.slice();
    out[c.int(8)] ^= 1 << c.int(8);
    return out;
  },
  'unknown-section': (b, c) => {
    const s = sections(b);
    const at = s.length === 0 ? b.length : c.pick(s).start;
    return cat(b.subarray(0, at), [13 + c.int(243), 1, 0], b.subarray(at));
  },
  'section-size': (b, c) => {
    const s = sections(b).filter((x) => x.id !== 0);
    if (s.length === 0) return undefined;
    const x = c.pick(s);
    const size = x.end - x.body;
    const lie = c.pick([size + 1, size - 1, size + 1000, 0xffffffff].filter((n) => n >= 0 && n !== size));
    return cat(b.subarray(0, x.start + 1), encodeUnsigned(lie), b.subarray(x.body));
  },
  'unknown-opcode': (b, c) => {
    const code = sections(b).find((x) => x.id === 10);
    if (code === undefined || code.end - code.body < 4) return undefined;
    const at = code.body + 1 + c.int(code.end - code.body - 1);
    const out = b.slice();
    out[at] = c.pick([0x06, 0x07, 0x08, 0x09, 0x0a, 0x12, 0x13, 0x14, 0x27, 0xc5, 0xff]);
    return out;
  },
  'overlong-leb': (b, c) => {
    const s = sections(b);
    if (s.length === 0) return undefined;
    const x = c.pick(s);
    // Rewrite the section size as 6 bytes: one more than a u32 may take.
    const size = x.end - x.body;
    const long = [(size & 0x7f) | 0x80, ((size >>> 7) & 0x7f) | 0x80, ((size >>> 14) & 0x7f) | 0x80, ((size >>> 21) & 0x7f) | 0x80, ((size >>> 28) & 0x7f) | 0x80, 0];
    return cat(b.subarray(0, x.start + 1), long, b.subarray(x.body));
  },
  'trailing-junk': (b, c) => cat(b, c.pick([[0x0b], [0x00], [0x01], [0x0a, 0x05], [0xff, 0xff]])),
  'missing-code': (b) => {
    const code = sections(b).find((x) => x.id === 10);
    return code === undefined ? undefined : cat(b.subarray(0, code.start), b.subarray(code.end));
  },
  'repeated-section': (b, c) => {
    const s = sections(b).filter((x) => x.id !== 0);
    if (s.length === 0) return undefined;
    const x = c.pick(s);
    return cat(b.subarray(0, x.end), b.subarray(x.start, x.end), b.subarray(x.end));
  },
  'data-count': (_b, c, m) => encodeModule({ ...m, dataCount: m.datas.length + 1 + c.int(3) }),
  random: (b, c) => {
    const kinds = ['flip', 'insert', 'delete', 'overwrite'] as const;
    const ms: Mutation[] = Array.from({ length: 1 + c.int(4) }, () => {
      const kind = c.pick(kinds);
      const at = 8 + c.int(Math.max(b.length - 8, 1));
      return kind === 'flip' ? { kind, at, bit: c.int(8) } : kind === 'delete' ? { kind, at } : { kind, at, byte: c.int(256) };
    });
    return mutate(b, ms);
  },
};

export const MALFORMED_BREAKS: readonly string[] = Object.keys(BREAKS);

/** Breaks the bytes of `m` one way (trying others when the chosen one has no place); returns the bytes and the way's name. */
export function breakBytes(m: Module, c: Choices): { bytes: Uint8Array; name: string } {
  const bytes = encodeModule(m);
  const first = c.int(MALFORMED_BREAKS.length);
  for (let k = 0; k < MALFORMED_BREAKS.length; k++) {
    const name = MALFORMED_BREAKS[(first + k) % MALFORMED_BREAKS.length]!;
    const out = BREAKS[name]!(bytes, c, m);
    if (out !== undefined) return { bytes: out, name };
  }
  return { bytes: BREAKS.truncate!(bytes, c, m)!, name: 'truncate' };
}
