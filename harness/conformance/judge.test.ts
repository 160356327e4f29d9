// Judging outcomes against assertions: NaN patterns, `rejected`, trap kinds,
// and the failure kinds a finding's signature is built from.
import { describe, expect, it } from 'vitest';
import type { InvocationOutcome, ModuleVerdict } from '../../adapters/plan.js';
import { judgeInvocation, judgeModule } from './judge.js';
import type { Expectation } from './translate.js';
import type { WastExpected } from '../../reference-runtime/syntax/script.js';

const OK: ModuleVerdict = { kind: 'ok' };
const f32 = (bits: number): InvocationOutcome => ({ kind: 'values', values: [{ type: 'f32', bits }] });
const i32 = (bits: number): InvocationOutcome => ({ kind: 'values', values: [{ type: 'i32', bits }] });
const trap = (kind: Extract<InvocationOutcome, { kind: 'trap' }>['trap']): InvocationOutcome => ({ kind: 'trap', trap: kind, message: kind });
const status = (e: Expectation, o: InvocationOutcome) => {
  const j = judgeInvocation(e, OK, o);
  return j.status === 'failed' ? `${j.kind}:${j.expectedClass}->${j.actualClass}` : j.status;
};

describe('judgeInvocation', () => {
  it('matches NaN patterns: canonical, arithmetic, and exact payloads', () => {
    const canonical: Expectation = { kind: 'values', expected: [{ type: 'f32', nan: 'nan:canonical' }] };
    const arithmetic: Expectation = { kind: 'values', expected: [{ type: 'f32', nan: 'nan:arithmetic' }] };
    expect(status(canonical, f32(0x7fc00000))).toBe('passed');
    expect(status(canonical, f32(0xffc00000))).toBe('passed'); // sign is free
    expect(status(canonical, f32(0x7fc00001))).toBe('wrong-result:values(f32:nan:canonical)->values');
    expect(status(arithmetic, f32(0x7fc00001))).toBe('passed');
    expect(status(arithmetic, f32(0x7f800001))).toBe('wrong-result:values(f32:nan:arithmetic)->values'); // signalling
    expect(status({ kind: 'values', expected: [{ type: 'f32', bits: 0x80000000 }] }, f32(0))).toBe('wrong-result:values(f32)->values'); // -0 is not 0
  });

  it('matches NaN patterns per v128 lane', () => {
    const e: Expectation = { kind: 'values', expected: [{ type: 'v128-lanes', shape: 'f32x4', lanes: ['nan:canonical', 1, 0, 'nan:arithmetic'] }] };
    const v = (lane0: number, lane3: number): InvocationOutcome => {
      const bytes = new Uint8Array(16);
      const dv = new DataView(bytes.buffer);
      dv.setUint32(0, lane0, true);
      dv.setUint32(4, 1, true);
      dv.setUint32(12, lane3, true);
      return { kind: 'values', values: [{ type: 'v128', bytes }] };
    };
    expect(status(e, v(0x7fc00000, 0x7fe00000))).toBe('passed');
    expect(status(e, v(0x7fc00000, 0x7f800001))).toBe('wrong-result:values(f32x4:nan)->values');
  });

  it('tells traps apart by kind, and missing or unexpected traps', () => {
    const div: Expectation = { kind: 'trap', message: 'integer divide by zero' };
    expect(status(div, trap('integer divide by zero'))).toBe('passed');
    expect(status(div, trap('unknown'))).toBe('unclassified-trap:trap:integer divide by zero->trap:unknown'); // a note, never a pass
    expect(status(div, trap('integer overflow'))).toBe('wrong-trap:trap:integer divide by zero->trap:integer overflow');
    expect(status(div, i32(0))).toBe('missing-trap:trap:integer divide by zero->values');
    expect(status({ kind: 'values', expected: [{ type: 'i32', value: 0 }] }, trap('unreachable'))).toBe('unexpected-trap:values(i32)->trap:unreachable');
    // a wording that names two kinds passes either; the same kinds worded precisely do not
    const worded = (kind: 'invalid conversion to integer', message: string): InvocationOutcome => ({ kind: 'trap', trap: kind, message });
    const overflow: Expectation = { kind: 'trap', message: 'integer overflow' };
    expect(status(overflow, worded('invalid conversion to integer', 'RuntimeError: float unrepresentable in integer range'))).toBe('passed');
    expect(status(overflow, worded('invalid conversion to integer', 'invalid conversion to integer'))).toBe('wrong-trap:trap:integer overflow->trap:invalid conversion to integer');
    expect(status({ kind: 'exhaustion', message: 'call stack exhausted' }, { kind: 'exhaustion', message: '' })).toBe('passed');
    expect(status({ kind: 'exhaustion', message: 'call stack exhausted' }, { kind: 'timeout' })).toBe('timeout:exhaustion->timeout');
  });

  it('says not-run after a driver limitation is unsupported, and after a crash failed without a finding kind', () => {
    const e: Expectation = { kind: 'returns' };
    expect(judgeInvocation(e, OK, { kind: 'not-run', reason: 'driver: the memory has 0 initial pages' })).toMatchObject({ status: 'unsupported' });
    const j = judgeInvocation(e, OK, { kind: 'not-run', reason: 'after the crash of invocation 0' });
    expect(j.status).toBe('failed');
    expect(j.status === 'failed' && j.kind).toBeUndefined();
  });
});

describe('judgeModule', () => {
  const invalid: Expectation = { kind: 'verdict', verdict: 'invalid', message: 'type mismatch' };
  const malformed: Expectation = { kind: 'verdict', verdict: 'malformed', message: 'unexpected end' };
  it('accepts `rejected` for malformed or invalid, and nothing else in their place', () => {
    expect(judgeModule(invalid, { kind: 'rejected', message: 'CompileError' }).status).toBe('passed');
    expect(judgeModule(malformed, { kind: 'rejected', message: 'CompileError' }).status).toBe('passed');
    expect(judgeModule(invalid, { kind: 'invalid', message: 'x' }).status).toBe('passed');
    expect(judgeModule(malformed, { kind: 'invalid', message: 'x' })).toMatchObject({ status: 'failed', kind: 'misclassified', actualClass: 'invalid' });
    expect(judgeModule(invalid, OK)).toMatchObject({ status: 'failed', kind: 'accepts-invalid', expectedClass: 'invalid: type mismatch', actualClass: 'ok' });
    expect(judgeModule({ kind: 'instantiates' }, { kind: 'crash', message: 'killed by SIGSEGV' })).toMatchObject({ status: 'failed', kind: 'crash' });
    expect(judgeModule({ kind: 'verdict', verdict: 'uninstantiable', message: 'unreachable' }, { kind: 'uninstantiable', message: 'x', trap: 'unreachable' }).status).toBe('passed');
  });

  it('judges reference patterns through the projection: kind by ref.test, hierarchy for nulls, and the declared type test', () => {
    const any = (kind: number, test = true): InvocationOutcome => ({ kind: 'values', values: [{ type: 'anyref', null: kind === 0, gc: { kind, test, digest: 1n } }] });
    const ref = (type: 'funcref' | 'externref' | 'exnref', isNull: boolean): InvocationOutcome => ({ kind: 'values', values: [{ type, null: isNull }] });
    const pattern = (e: WastExpected): Expectation => ({ kind: 'values', expected: [e] });
    const kind = (heap: 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'exn') => pattern({ type: 'ref.kind', heap });
    // null 0, i31 1, struct 2, array 3, other (a host value) 4
    const accepted = (e: Expectation) => [0, 1, 2, 3, 4].filter((k) => status(e, any(k)) === 'passed');
    expect(accepted(kind('struct'))).toEqual([2]);
    expect(accepted(kind('array'))).toEqual([3]);
    expect(accepted(kind('i31'))).toEqual([1]);
    expect(accepted(kind('eq'))).toEqual([1, 2, 3]);
    expect(accepted(kind('any'))).toEqual([1, 2, 3, 4]);
    expect(accepted(pattern({ type: 'ref.null', refType: 'nullref' }))).toEqual([0]);
    expect(accepted(pattern({ type: 'ref.null', refType: 'structref' }))).toEqual([0]); // any null of the hierarchy
    expect(accepted(pattern({ type: 'ref.null', refType: 'funcref' }))).toEqual([]); // another hierarchy
    expect(status(kind('struct'), any(2, false))).toBe('wrong-result:values(ref.kind)->values'); // not of its declared type
    expect(status(pattern({ type: 'ref.null', refType: 'nullfuncref' }), ref('funcref', true))).toBe('passed');
    expect(status(pattern({ type: 'ref.func' }), ref('funcref', false))).toBe('passed');
    expect(status(pattern({ type: 'ref.func' }), ref('funcref', true))).toBe('wrong-result:values(ref.func)->values');
    expect(status(kind('exn'), ref('exnref', false))).toBe('passed');
    expect(status(kind('exn'), ref('exnref', true))).toBe('wrong-result:values(ref.kind)->values');
    expect(status(pattern({ type: 'ref.null', refType: 'nullexnref' }), ref('exnref', true))).toBe('passed');
  });

  it('judges an uncaught exception as its own outcome', () => {
    const exception: InvocationOutcome = { kind: 'exception', message: 'uncaught exception' };
    const assertException: Expectation = { kind: 'exception' };
    expect(status(assertException, exception)).toBe('passed');
    expect(status(assertException, i32(1))).toBe('missing-trap:exception->values');
    expect(status(assertException, trap('unreachable'))).toBe('wrong-trap:exception->trap:unreachable');
    expect(status(assertException, trap('unknown'))).toBe('unclassified-trap:exception->trap:unknown');
    expect(status({ kind: 'returns' }, exception)).toBe('unexpected-trap:returns->exception');
    expect(status({ kind: 'trap', message: 'unreachable' }, exception)).toBe('wrong-trap:trap:unreachable->exception');
  });
});
