// Valid, terminating modules from a stream of choices (choices.ts): the
// skeleton (module-shape.ts, with the 3.0 features the options weigh in,
// features.ts), one generated body per function (body.ts), the pure relaxed
// SIMD functions (relaxed-funcs.ts), exports of everything, and invocations
// of the exported functions the plan can call (no non-null reference
// parameter: an argument can only be a null) with boundary-biased arguments. As a fast-check arbitrary, it is deterministic
// per seed and shrinks by shrinking the choice stream.
import fc from 'fast-check';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import { chooseArg } from './boundary.js';
import { Choices, choicesArb } from './choices.js';
import type { GeneratedCase } from './generated-case.js';
import { BodyGen } from './body.js';
import { chooseShape, type GenOptions, type Shape } from './module-shape.js';
import { usesDataIndex } from './opcodes-of.js';
import { RELAXED_TYPE, relaxedFunc } from './relaxed-funcs.js';
import { heapOf, isFuncType, isNullable, isRefType, type FuncType, type ValType } from '../../reference-runtime/syntax/types.js';

export type { GenOptions };

/** Longest choice stream: enough for the largest modules the options allow. */
const MAX_CHOICES = 6000;

export function validModuleArb(options: GenOptions = {}): fc.Arbitrary<GeneratedCase> {
  return choicesArb(MAX_CHOICES, 64).map((data) => validModuleFrom(data, options));
}

/** The module a choice stream describes (the arbitrary's mapping, usable directly). */
export function validModuleFrom(data: readonly number[], options: GenOptions = {}): GeneratedCase {
  const c = new Choices(data);
  const shape = chooseShape(c, options);
  const m = shape.module;
  m.funcs.forEach((f, i) => {
    const gen = new BodyGen(c, shape, i);
    f.body = gen.generate();
    f.locals = gen.locals;
  });
  const relaxed = shape.features.has('relaxed-simd') ? 1 + c.int(2) : 0;
  for (let k = 0; k < relaxed; k++) m.funcs.push(relaxedFunc(c, shape));
  if (usesDataIndex(m)) m.dataCount = m.datas.length;
  chooseStart(c, shape);
  exportEverything(m);
  const invocations = chooseInvocations(c, shape, relaxed);
  return { module: m, bytes: encodeModule(m), invocations, origin: 'valid' };
}

function chooseStart(c: Choices, s: Shape): void {
  // no start function that may throw: the oracle reports an exception escaping instantiation as its own error
  if (!c.chance(10) || s.features.has('exceptions')) return;
  const nullary = s.funcTypes.flatMap((t, i) => (t.params.length === 0 && t.results.length === 0 ? [i] : []));
  if (nullary.length > 0) s.module.start = c.pick(nullary);
}

function exportEverything(m: Module): void {
  m.funcs.forEach((_, i) => m.exports.push({ name: `f${i}`, kind: 'func', index: i }));
  if (m.mems.length > 0) m.exports.push({ name: 'mem', kind: 'memory', index: 0 });
  m.tables.forEach((_, i) => m.exports.push({ name: `t${i}`, kind: 'table', index: i }));
  m.globals.forEach((_, i) => m.exports.push({ name: `g${i}`, kind: 'global', index: i }));
}

/** A parameter a plan can pass: a number, a vector, or a null of a nullable reference type. */
function plannable(t: ValType): boolean {
  return !isRefType(t) || isNullable(t);
}

/**
 * The arguments of a call through the typed function reference `type`
 * returns last (plan.ts `through`), when it returns one whose parameters a
 * plan can pass: most of the time, so that a returned function is run too.
 */
function chooseThrough(c: Choices, s: Shape, type: FuncType): ArgValue[] | undefined {
  const last = type.results.at(-1);
  const heap = last !== undefined && isRefType(last) ? heapOf(last) : undefined;
  const target = typeof heap === 'number' ? s.module.types[heap] : undefined;
  if (target === undefined || !isFuncType(target) || !target.params.every(plannable) || !c.chance(75)) return undefined;
  return target.params.map((t) => chooseArg(c, t));
}

/** Invocations of the functions a plan can call, the relaxed ones (after the others) among them. */
function chooseInvocations(c: Choices, s: Shape, relaxed: number): Invocation[] {
  const types: FuncType[] = [...s.funcTypes, ...Array.from({ length: relaxed }, () => RELAXED_TYPE)];
  const callable = types.flatMap((t, i) => (t.params.every(plannable) ? [i] : []));
  if (callable.length === 0) return [];
  const n = 1 + c.int(s.options.maxInvocations + relaxed);
  return Array.from({ length: n }, () => {
    const f = c.pick(callable);
    const args = types[f]!.params.map((t) => chooseArg(c, t));
    const through = chooseThrough(c, s, types[f]!);
    return { export: `f${f}`, args, ...(through ? { through } : {}) };
  });
}
