// The two-word i64 statements of tier 2 (pairs.ts) against the numerics
// library, the one statement of i64 semantics: each operation runs in a
// function tier 2 translated (eager mode), on boundary and random operands,
// and must give exactly the library's result. Loads and stores of every
// width against the interpreter (memory.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantiate, invoke, parseWat, type Value } from '../../api.js';
import { opInfo, signature } from '../../syntax/opcodes.js';
import { NUMERIC_OPS } from '../numerics/index.js';
import { PAIR_STATEMENTS } from './pairs.js';
import { stats, underMode, type Tier2Mode } from './tier2.js';

const under = underMode;

const I64_EDGES = [0n, 1n, -1n, 2n, 31n, 32n, 33n, 63n, 64n, 65n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n, -0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n];
const I32_EDGES = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 0x8000, 0x80, 0x7f];

const i64 = fc.oneof(fc.constantFrom(...I64_EDGES), fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n), fc.bigInt(-(2n ** 40n), 2n ** 40n));
const i32 = fc.oneof(fc.constantFrom(...I32_EDGES), fc.integer({ min: -0x80000000, max: 0x7fffffff }));

/** Bits of a result, as the library gives them and as invoke returns them. */
function libraryBits(type: string, x: unknown): string {
  if (type === 'f64') return new BigUint64Array(new Float64Array([x as number]).buffer)[0]!.toString(16);
  return String(BigInt.asIntN(type === 'i64' ? 64 : 32, BigInt(x as number | bigint)));
}
function valueBits(v: Value): string {
  if (v.type === 'f64') return BigInt.asUintN(64, v.bits).toString(16);
  if (v.type === 'i64') return String(v.value);
  if (v.type === 'i32') return String(v.value);
  throw new Error(`unexpected ${v.type}`);
}

describe('tier 2 i64 as two words', () => {
  for (const op of Object.keys(PAIR_STATEMENTS)) {
    it(`${op} gives the numerics library's result`, () => {
      const sig = signature(opInfo(op)!)!;
      const params = sig.params.map((t, i) => `(param $${i} ${t})`).join(' ');
      const body = sig.params.map((_, i) => `(local.get ${i})`).join(' ');
      const inst = instantiate(parseWat(`(module (func (export "f") ${params} (result ${sig.results[0]}) (${op} ${body})))`));
      const library = (NUMERIC_OPS as Record<string, (...a: unknown[]) => unknown>)[op]!;
      const before = stats.functions;
      fc.assert(
        fc.property(fc.tuple(...sig.params.map((t) => (t === 'i64' ? i64 : i32))), (args) => {
          const values = args.map((a, i) => ({ type: sig.params[i], value: a }) as Value);
          const [got] = under('eager', () => invoke(inst, 'f', values).values);
          expect(valueBits(got!)).toBe(libraryBits(sig.results[0]!, library(...args)));
        }),
        { numRuns: 400, seed: 64 },
      );
      // it did run in tier 2
      expect(stats.functions).toBeGreaterThan(before);
    });
  }

  it('loads and stores every width as the interpreter does', () => {
    const widths: [string, string][] = [
      ['i64.load', 'i64.store'],
      ['i64.load8_s', 'i64.store8'],
      ['i64.load8_u', 'i64.store8'],
      ['i64.load16_s', 'i64.store16'],
      ['i64.load16_u', 'i64.store16'],
      ['i64.load32_s', 'i64.store32'],
      ['i64.load32_u', 'i64.store32'],
    ];
    const funcs = widths.map(([load, store], k) => `(func (export "f${k}") (param i64 i32) (result i64) (${store} offset=3 (local.get 1) (local.get 0)) (${load} offset=3 (local.get 1)))`);
    const wat = `(module (memory 1) ${funcs.join(' ')})`;
    fc.assert(
      fc.property(i64, fc.oneof(fc.integer({ min: 0, max: 65536 }), fc.integer({ min: 65520, max: 65536 })), fc.integer({ min: 0, max: widths.length - 1 }), (x, at, k) => {
        const args: Value[] = [{ type: 'i64', value: x }, { type: 'i32', value: at }];
        // near the end of memory the store traps: at the same access in both
        const run = (mode: Tier2Mode) =>
          under(mode, () => {
            try {
              return invoke(instantiate(parseWat(wat)), `f${k}`, args).values;
            } catch (e) {
              return String(e);
            }
          });
        expect(run('eager')).toEqual(run('off'));
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
