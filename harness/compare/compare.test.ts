import { describe, expect, it } from 'vitest';
import type { InvocationOutcome, ModuleVerdict, ResultValue, RunOutcome } from '../../adapters/plan.js';
import type { OracleNote } from '../../adapters/reference/reference-run.js';
import type { OracleOutcome } from '../../adapters/reference/reference.js';
import { compareIfSettled, compareRun, type OracleWorld } from './compare.js';

const ok: ModuleVerdict = { kind: 'ok' };
const f32 = (bits: number): InvocationOutcome => ({ kind: 'values', values: [{ type: 'f32', bits }] });
const i32 = (bits: number): InvocationOutcome => ({ kind: 'values', values: [{ type: 'i32', bits }] });
const trap = (t: string): InvocationOutcome => ({ kind: 'trap', trap: t as never, message: t });

function oracle(invocations: InvocationOutcome[], notes: OracleNote[] = [], verdict = ok, ms = 5): OracleOutcome {
  return { run: { adapter: 'reference', verdict, invocations, processes: 0 }, notes: invocations.map((_, i) => notes[i] ?? {}), ms };
}
function runtime(adapter: string, invocations: InvocationOutcome[], verdict = ok): RunOutcome {
  return { adapter, verdict, invocations, processes: 1 };
}

/** The oracle's NaN worlds: its own run and the two other policies (variants.ts) giving these bits. */
function nanWorld(...bits: number[][]): OracleWorld[] {
  return [{ growFailing: false, resets: [], runs: bits.map((b) => oracle(b.map(f32), b.map(() => ({ allowed: [{ kind: 'nan:arithmetic' }], reasons: ['nan'] })))) }];
}

describe('compareRun', () => {
  it('accepts any arithmetic NaN where the NaN policies leave the payload free, and flags a non-NaN', () => {
    const worlds = nanWorld([0x7fc00001], [0xffffffff], [0xffc00000]);
    const allowed = compareRun(worlds, runtime('x', [f32(0xffc12345)]));
    expect(allowed.divergences).toEqual([]);
    expect(allowed.allowed.map((a) => a.rule)).toEqual(['nan-payload']);
    expect(compareRun(worlds, runtime('x', [f32(0x7f812345)])).divergences[0]?.kind).toBe('wrong-result');
    expect(compareRun(worlds, runtime('x', [f32(1)])).divergences[0]?.kind).toBe('wrong-result');
    const exact = oracle([f32(0x7fc00001)], [{ allowed: [{ kind: 'exact' }], reasons: [] }]);
    expect(compareRun(exact, runtime('x', [f32(0x7fc00000)])).divergences[0]?.kind).toBe('wrong-result');
  });

  it('judges a relaxed SIMD result against every profile, a NaN lane up to what the NaN worlds leave free, never an integer bit', () => {
    const v = (...lanes: number[]): ResultValue[] => [{ type: 'v128', bytes: new Uint8Array(Uint32Array.from(lanes).buffer) }];
    // f32x4.relaxed_min(0 NaN 0 -0, 0 NaN' -0 0) in three NaN worlds: fmin's answer, and the x86 profile's (the second operand)
    const world = (nan: number, x86nan: number) => {
      const primary = v(0, nan, 0x80000000, 0x80000000);
      const note: OracleNote = { allowed: [{ kind: 'exact' }], reasons: ['nan', 'relaxed'], alternatives: [primary, v(0, x86nan, 0x80000000, 0)] };
      return oracle([{ kind: 'values', values: primary }], [note]);
    };
    const worlds: OracleWorld[] = [{ growFailing: false, resets: [], runs: [world(0x7fc00000, 0x7ff80000), world(0xffffffff, 0xffffffff), world(0xffc00000, 0xffc00000)] }];
    const judge = (...lanes: number[]) => compareRun(worlds, runtime('x', [{ kind: 'values', values: v(...lanes) }]));
    expect(judge(0, 0xffc00000, 0x80000000, 0x80000000).divergences).toEqual([]);
    expect(judge(0, 0x7ff80000, 0x80000000, 0).allowed.map((a) => a.rule)).toEqual(['relaxed-choice']);
    expect(judge(0, 0xfff80000, 0x80000000, 0).divergences).toEqual([]);
    expect(judge(0, 0xffc00000, 0x80000000, 0x3f800000).divergences[0]?.kind).toBe('wrong-result');
    expect(judge(1, 0xffc00000, 0x80000000, 0).divergences[0]?.kind).toBe('wrong-result');
    expect(judge(0, 0x3f800000, 0x80000000, 0).divergences[0]?.kind).toBe('wrong-result');
  });

  it('settles with some of the worlds only what every world judges alike', () => {
    const all = nanWorld([0x7fc00001], [0xffffffff], [0xffc00000]);
    const some = (...k: number[]): OracleWorld[] => [{ ...all[0]!, runs: k.map((i) => all[0]!.runs[i]!) }];
    const settle = (worlds: OracleWorld[], bits: number) => compareIfSettled(worlds, runtime('x', [f32(bits)]));
    // the oracle's own answer, and a NaN whose free bits the runs given already free: as every world judges them
    expect(settle(some(0), 0x7fc00001)).toEqual(compareRun(all, runtime('x', [f32(0x7fc00001)])));
    expect(settle(some(0, 2), 0xffc00001)).toEqual(compareRun(all, runtime('x', [f32(0xffc00001)])));
    expect(settle(some(0, 2), 0xffc00001)?.allowed.map((a) => a.rule)).toEqual(['nan-payload']);
    // a payload only the all-ones policy frees, and a wrong value: not settled without every world
    expect(settle(some(0), 0xffc12345)).toBeUndefined();
    expect(settle(some(0, 2), 0xffc12345)).toBeUndefined();
    expect(compareRun(all, runtime('x', [f32(0xffc12345)])).divergences).toEqual([]);
    expect(settle(some(0, 2), 1)).toBeUndefined();
    // accepted only by another run than the oracle's own: that run's notes would judge on, so not settled
    const split: OracleWorld[] = [{ growFailing: false, resets: [], runs: [oracle([i32(1)]), oracle([trap('unreachable')])] }];
    expect(compareRun(split, runtime('x', [trap('unreachable')])).divergences).toEqual([]);
    expect(compareIfSettled(split, runtime('x', [trap('unreachable')]))).toBeUndefined();
    // a relaxed profile's other answer: more NaN worlds could judge it otherwise
    const relaxed = oracle([i32(1)], [{ alternatives: [[{ type: 'i32', bits: 1 }], [{ type: 'i32', bits: 2 }]] }]);
    expect(compareRun(relaxed, runtime('x', [i32(2)])).allowed.map((a) => a.rule)).toEqual(['relaxed-choice']);
    expect(compareIfSettled([{ growFailing: false, resets: [], runs: [relaxed] }], runtime('x', [i32(2)]))).toBeUndefined();
    // a trap the runtime's wording names along with the oracle's
    const worded = { kind: 'trap', trap: 'integer overflow', message: 'RuntimeError: float unrepresentable in integer range' } as const;
    const aliased = compareIfSettled([{ growFailing: false, resets: [], runs: [oracle([trap('invalid conversion to integer')])] }], runtime('v8', [worded]));
    expect(aliased?.allowed.map((a) => a.rule)).toEqual(['trap-alias']);
  });

  it('requires a canonical NaN where only canonical ones are allowed', () => {
    const worlds = nanWorld([0x7fc00000], [0xffc00000], [0xffc00000]);
    expect(compareRun(worlds, runtime('x', [f32(0xffc00000)])).divergences).toEqual([]);
    expect(compareRun(worlds, runtime('x', [f32(0x7fc00001)])).divergences[0]?.kind).toBe('wrong-result');
    const d = compareRun(oracle([f32(1)], [{ allowed: [{ kind: 'exact' }], reasons: [] }]), runtime('x', [f32(2)]));
    expect(d.divergences[0]).toMatchObject({ kind: 'wrong-result', runtime: 'x', invocation: 0, expectedClass: 'values(f32)', actualClass: 'values(f32)' });
  });

  it('tells missing, unexpected and wrong traps apart, with per-runtime aliases', () => {
    expect(compareRun(oracle([trap('integer divide by zero')]), runtime('x', [i32(0)])).divergences[0]?.kind).toBe('missing-trap');
    expect(compareRun(oracle([i32(0)]), runtime('x', [trap('unreachable')])).divergences[0]?.kind).toBe('unexpected-trap');
    expect(compareRun(oracle([trap('undefined element')]), runtime('x', [trap('out of bounds table access')])).divergences[0]?.kind).toBe('wrong-trap');
    const worded = { kind: 'trap' as const, trap: 'out of bounds table access' as never, message: 'RuntimeError: table index is out of bounds' };
    const v8 = compareRun(oracle([trap('undefined element')]), runtime('v8', [worded]));
    expect(v8.divergences).toEqual([]);
    expect(v8.allowed[0]?.rule).toBe('trap-alias');
  });

  it('accepts an uncaught exception where the oracle has one, and flags one where the oracle returns or traps', () => {
    const exception: InvocationOutcome = { kind: 'exception', message: 'uncaught exception' };
    expect(compareRun(oracle([exception, i32(1)]), runtime('x', [{ ...exception, message: 'wasm exception' }, i32(1)])).divergences).toEqual([]);
    expect(compareRun(oracle([i32(0)]), runtime('x', [exception])).divergences[0]?.kind).toBe('wrong-result');
    expect(compareRun(oracle([trap('unreachable')]), runtime('x', [exception])).divergences[0]?.kind).toBe('wrong-trap');
    expect(compareRun(oracle([exception]), runtime('x', [i32(0)])).divergences[0]?.kind).toBe('wrong-result');
  });

  it('allows any outcome where the oracle exhausts the stack, and stops comparing that instance', () => {
    const o = oracle([{ kind: 'exhaustion', message: '' }, i32(1)]);
    const c = compareRun(o, runtime('x', [i32(5), i32(2)]));
    expect(c.divergences).toEqual([]);
    expect(c.allowed[0]?.rule).toBe('stack-depth');
    expect(c.skipped).toBe(1);
  });

  it('compares every invocation after a NaN was chosen', () => {
    const o = oracle([f32(0x7fc00000), i32(1), trap('unreachable'), i32(7)], [{ allowed: [{ kind: 'nan:canonical' }], reasons: ['nan'] }]);
    const c = compareRun(o, runtime('x', [f32(0x7fc00000), i32(2), trap('unreachable'), i32(8)]));
    expect(c.skipped).toBe(0);
    expect(c.divergences[0]).toMatchObject({ kind: 'wrong-result', invocation: 1 });
  });

  it('reports a differing digest as wrong-state', () => {
    const c = compareRun(oracle([i32(1), { kind: 'values', values: [{ type: 'i64', bits: 5n }] }]), runtime('x', [i32(1), { kind: 'values', values: [{ type: 'i64', bits: 6n }] }]), { digestAt: 1 });
    expect(c.divergences[0]?.kind).toBe('wrong-state');
  });

  it('accepts `rejected` for malformed or invalid, calls a rejected valid module rejects-valid, and skips an unsupported feature', () => {
    const invalid: ModuleVerdict = { kind: 'invalid', message: 'type mismatch' };
    expect(compareRun(oracle([], [], invalid), runtime('v8', [], { kind: 'rejected', message: 'CompileError' })).divergences).toEqual([]);
    expect(compareRun(oracle([]), runtime('x', [], { kind: 'invalid', message: 'x' })).divergences[0]?.kind).toBe('rejects-valid');
    expect(compareRun(oracle([], [], invalid), runtime('x', [], ok)).divergences[0]?.kind).toBe('accepts-invalid');
    const swapped = compareRun(oracle([], [], invalid), runtime('x', [], { kind: 'malformed', message: 'x' }));
    expect([swapped.divergences, swapped.notes[0]?.kind]).toEqual([[], 'misclassified']);
    const c = compareRun(oracle([]), runtime('wamr', [], { kind: 'rejected', message: 'simd' }), { unsupported: ['simd'] });
    expect(c.divergences).toEqual([]);
    expect(c.allowed[0]?.rule).toBe('unsupported-feature');
  });

  it('reports a timeout only when the oracle finished quickly', () => {
    expect(compareRun(oracle([i32(1)], [{ ms: 5 }], ok, 5), runtime('x', [{ kind: 'timeout' }])).divergences[0]?.kind).toBe('timeout');
    expect(compareRun(oracle([i32(1)], [{ ms: 4000 }], ok, 4000), runtime('x', [{ kind: 'timeout' }])).divergences).toEqual([]);
  });
});
