// A crash is a signal or an abnormal exit, and only that (issue 15): a Rust
// panic before the first invocation is not the runtime rejecting the module,
// and a clean error exit with a message it does not classify is not a crash.
import { describe, expect, it } from 'vitest';
import { SPEC_WORDING } from '../trap-kinds.js';
import { moduleVerdict, type Segment } from './run-plan.js';

function seg(end: Segment['end'], stderr: string): Segment {
  return { stdout: '', end, errorText: stderr, raw: { stdout: '', stderr } };
}

describe('moduleVerdict', () => {
  it('a Rust panic is a crash, not a rejection', () => {
    const v = moduleVerdict(seg({ kind: 'exit', code: 101 }, "thread 'main' panicked at src/compile.rs:12:5:\nunreachable code\n"), SPEC_WORDING);
    expect(v.kind).toBe('crash');
  });

  it('an abort is a crash whatever the exit status', () => {
    expect(moduleVerdict(seg({ kind: 'exit', code: 134 }, "terminate called after throwing an instance of 'std::bad_alloc'"), SPEC_WORDING).kind).toBe('crash');
    expect(moduleVerdict(seg({ kind: 'signal', signal: 'SIGSEGV' }, ''), SPEC_WORDING).kind).toBe('crash');
  });

  it('an error exit with a message is the runtime rejecting the module', () => {
    expect(moduleVerdict(seg({ kind: 'exit', code: 1 }, 'Error: failed to compile: something odd'), SPEC_WORDING).kind).toBe('rejected');
    expect(moduleVerdict(seg({ kind: 'exit', code: 1 }, 'Error: unknown label'), SPEC_WORDING).kind).toBe('invalid');
  });
});
