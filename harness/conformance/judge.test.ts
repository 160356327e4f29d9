// Judging outcomes against assertions: NaN patterns, `rejected`, trap kinds,
// and the failure kinds a finding's signature is built from.
import { describe, expect, it } from 'vitest';
import type { InvocationOutcome, ModuleVerdict } from '../../adapters/plan.js';
import { judgeInvocation, judgeModule } from './judge.js';
import type { Expectation } from './translate.js';

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
});
