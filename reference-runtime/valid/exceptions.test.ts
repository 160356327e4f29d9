// Exception handling (3.0): tags, throw, throw_ref and try_table's handlers.
import { describe, expect, it } from 'vitest';
import { instr, type Catch, type Instr } from '../syntax/instructions.js';
import { emptyModule, type Module } from '../syntax/module.js';
import type { BlockType, FuncType, ValType } from '../syntax/types.js';
import { validationOutcome } from './test-outcome.js';

const outcome = (m: Module) => validationOutcome(m);

/**
 * A module whose type 0 is the function's, type 1 [i32] -> [] (tag 0), type 2
 * [i32 i64] -> [] (tag 1), type 3 [] -> [i32] (no tag may have it).
 */
function withTags(ft: FuncType, body: Instr[], extra: Partial<Module> = {}): Module {
  const m = emptyModule();
  m.types.push(ft, { params: ['i32'], results: [] }, { params: ['i32', 'i64'], results: [] }, { params: [], results: ['i32'] });
  m.tags.push({ type: 1 }, { type: 2 });
  m.funcs.push({ type: 0, locals: [], body });
  return { ...m, ...extra };
}

const noop: FuncType = { params: [], results: [] };
const i32c = instr('i32.const', { i32: 1 });
const i64c = instr('i64.const', { i64: 1n });
const block = (results: ValType[], body: Instr[]): Instr =>
  instr('block', { blockType: results.length === 0 ? { kind: 'empty' } : { kind: 'value', type: results[0]! }, body });
const tryTable = (catches: Catch[], body: Instr[] = [], blockType: BlockType = { kind: 'empty' }) => instr('try_table', { blockType, catches, body });

describe('tags', () => {
  it('must name a function type with no results, defined or imported', () => {
    expect(outcome(withTags(noop, []))).toBe('valid');
    expect(outcome(withTags(noop, [], { tags: [{ type: 3 }] }))).toBe('non-empty tag result type');
    expect(outcome(withTags(noop, [], { tags: [{ type: 9 }] }))).toBe('unknown type 9');
    const imp = (type: number) => ({ module: 'm', name: 't', desc: { kind: 'tag' as const, tag: { type } } });
    expect(outcome(withTags(noop, [], { imports: [imp(3)] }))).toBe('non-empty tag result type');
    expect(outcome(withTags(noop, [], { imports: [imp(1)] }))).toBe('valid');
  });

  it('are exported by index, imports first', () => {
    expect(outcome(withTags(noop, [], { exports: [{ name: 'e', kind: 'tag', index: 1 }] }))).toBe('valid');
    expect(outcome(withTags(noop, [], { exports: [{ name: 'e', kind: 'tag', index: 2 }] }))).toBe('unknown tag 2');
  });
});

describe('throw and throw_ref', () => {
  it('throw pops the tag parameters and makes the rest unreachable', () => {
    expect(outcome(withTags(noop, [i32c, instr('throw', { index: 0 })]))).toBe('valid');
    expect(outcome(withTags({ params: [], results: ['f64'] }, [i32c, i64c, instr('throw', { index: 1 })]))).toBe('valid');
    expect(outcome(withTags(noop, [instr('throw', { index: 2 })]))).toBe('unknown tag 2');
    // The reference interpreter's full wording, which throw.wast checks.
    expect(outcome(withTags(noop, [instr('throw', { index: 0 })]))).toBe('type mismatch: instruction requires [i32] but stack has []');
    expect(outcome(withTags(noop, [i64c, instr('throw', { index: 0 })]))).toBe('type mismatch: instruction requires [i32] but stack has [i64]');
  });

  it('throw_ref takes an exnref', () => {
    expect(outcome(withTags(noop, [instr('ref.null', { refType: 'exnref' }), instr('throw_ref')]))).toBe('valid');
    expect(outcome(withTags(noop, [instr('ref.null', { refType: 'externref' }), instr('throw_ref')]))).toMatch(/^type mismatch/);
    expect(outcome(withTags(noop, [instr('throw_ref')]))).toMatch(/^type mismatch/);
    expect(outcome(withTags({ params: [], results: ['i32'] }, [instr('ref.null', { refType: 'exnref' }), instr('ref.is_null')]))).toBe('valid');
  });
});

describe('try_table', () => {
  it('is typed like a block', () => {
    const i32 = { kind: 'value' as const, type: 'i32' as const };
    expect(outcome(withTags({ params: [], results: ['i32'] }, [tryTable([], [i32c], i32)]))).toBe('valid');
    expect(outcome(withTags({ params: [], results: ['i32'] }, [tryTable([], [i64c], i32)]))).toMatch(/^type mismatch/);
    expect(outcome(withTags(noop, [tryTable([], [instr('br', { index: 0 })])]))).toBe('valid');
  });

  it('sends each handler to a label outside it, which takes the tag fields (then the exnref for _ref forms)', () => {
    const catchTo = (c: Catch, results: ValType[]) => withTags(noop, [block(results, [tryTable([c]), instr('unreachable')]), ...(results.length ? [instr('drop')] : [])]);
    expect(outcome(catchTo({ kind: 'catch', tag: 0, label: 0 }, ['i32']))).toBe('valid');
    expect(outcome(catchTo({ kind: 'catch', tag: 0, label: 0 }, ['i64']))).toMatch(/^type mismatch/);
    expect(outcome(catchTo({ kind: 'catch', tag: 0, label: 0 }, []))).toMatch(/^type mismatch/);
    expect(outcome(catchTo({ kind: 'catch_ref', tag: 0, label: 0 }, ['i32']))).toMatch(/^type mismatch/);
    expect(outcome(catchTo({ kind: 'catch_all', label: 0 }, []))).toBe('valid');
    expect(outcome(catchTo({ kind: 'catch_all', label: 0 }, ['exnref']))).toMatch(/^type mismatch/);
    expect(outcome(catchTo({ kind: 'catch_all_ref', label: 0 }, ['exnref']))).toBe('valid');
    expect(outcome(catchTo({ kind: 'catch_all_ref', label: 0 }, []))).toMatch(/^type mismatch/);
    expect(outcome(catchTo({ kind: 'catch', tag: 5, label: 0 }, ['i32']))).toBe('unknown tag 5');
    expect(outcome(catchTo({ kind: 'catch_all', label: 2 }, []))).toBe('unknown label 2');
  });

  it('checks catch_ref labels of two fields and the exnref, via a type-index block type', () => {
    const m = withTags(noop, []);
    m.types.push({ params: [], results: ['i32', 'i64', 'exnref'] });
    const outer = instr('block', { blockType: { kind: 'type', index: 4 }, body: [tryTable([{ kind: 'catch_ref', tag: 1, label: 0 }]), instr('unreachable')] });
    m.funcs[0]!.body = [outer, instr('drop'), instr('drop'), instr('drop')];
    expect(outcome(m)).toBe('valid');
    m.funcs[0]!.body[0]!.body![0]!.catches = [{ kind: 'catch', tag: 1, label: 0 }];
    expect(outcome(m)).toMatch(/^type mismatch/);
  });

  it('resolves handler labels without the try_table itself: label 0 is the enclosing block', () => {
    // The try_table's own result would accept the i32 field; the enclosing (empty) block does not.
    const i32 = { kind: 'value' as const, type: 'i32' as const };
    const inner = tryTable([{ kind: 'catch', tag: 0, label: 0 }], [i32c], i32);
    expect(outcome(withTags(noop, [block([], [inner, instr('drop')])]))).toMatch(/^type mismatch/);
    const outer = withTags(noop, [block(['i32'], [block([], [inner, instr('drop')]), i32c]), instr('drop')]);
    outer.funcs[0]!.body[0]!.body![0]!.body![0]!.catches = [{ kind: 'catch', tag: 0, label: 1 }];
    expect(outcome(outer)).toBe('valid');
  });
});
