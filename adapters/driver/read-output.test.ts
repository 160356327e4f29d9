import { describe, expect, it } from 'vitest';
import { readDriverOutput } from './read-output.js';

const types = (i: number) => (i < 3 ? (['i32', 'f64'] as const) : undefined);

describe('readDriverOutput', () => {
  it('reads results, the stopped invocation and foreign lines', () => {
    const out = readDriverOutput('@00000000\n= 0000002a 7ff8000000000001\n@00000002\nError: wasm trap: unreachable\n', types);
    expect(out.results.get(0)).toEqual([{ type: 'i32', bits: 42 }, { type: 'f64', bits: 0x7ff8000000000001n }]);
    expect(out.stopped).toBe(2);
    expect(out.finished).toBe(false);
    expect(out.other).toEqual(['Error: wasm trap: unreachable']);
  });
  it('treats a cut-off results line as not returned', () => {
    const out = readDriverOutput('@00000001\n= 000000', types);
    expect(out.results.size).toBe(0);
    expect(out.stopped).toBe(1);
  });
  it('sees the end line', () => {
    const out = readDriverOutput('@00000001\n= 00000001 0000000000000000\n!\n', types);
    expect(out.finished).toBe(true);
    expect(out.stopped).toBeUndefined();
  });
});
