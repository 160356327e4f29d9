// The JSON columns round-trip what plans and outcomes hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJson, toJson } from './json.js';

describe('toJson / fromJson', () => {
  it('bigints, byte arrays and Buffers come back as bigints and Uint8Arrays', () => {
    const value = { i64: 0xffff_ffff_ffff_ffffn, v128: new Uint8Array([1, 2, 255]), buf: Buffer.from([9]), list: [-1n, null, 'x'] };
    const back = fromJson<typeof value>(toJson(value));
    expect(back).toEqual({ i64: 0xffff_ffff_ffff_ffffn, v128: new Uint8Array([1, 2, 255]), buf: new Uint8Array([9]), list: [-1n, null, 'x'] });
    expect(back.buf).toBeInstanceOf(Uint8Array);
  });

  it('undefined is stored as null', () => {
    expect(toJson(undefined)).toBe('null');
  });

  it('any JSON-like value with bigints and byte arrays round-trips', () => {
    const leaf = fc.oneof(fc.bigInt(), fc.uint8Array(), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string({ minLength: 2 }), tie('node'))),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(fromJson(toJson(v))).toEqual(v);
      }),
    );
  });
});
