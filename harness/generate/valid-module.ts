// Valid, terminating modules from a stream of choices (choices.ts): the
// skeleton (module-shape.ts), one generated body per function (body.ts),
// exports of everything, and invocations of the exported functions with
// boundary-biased arguments. As a fast-check arbitrary, it is deterministic
// per seed and shrinks by shrinking the choice stream.
import fc from 'fast-check';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { Invocation } from '../../adapters/plan.js';
import { chooseArg } from './boundary.js';
import { Choices, choicesArb } from './choices.js';
import type { GeneratedCase } from './generated-case.js';
import { BodyGen } from './body.js';
import { chooseShape, type GenOptions, type Shape } from './module-shape.js';
import { usesDataIndex } from './opcodes-of.js';

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
  if (usesDataIndex(m)) m.dataCount = m.datas.length;
  chooseStart(c, shape);
  exportEverything(m);
  const invocations = chooseInvocations(c, shape);
  return { module: m, bytes: encodeModule(m), invocations, origin: 'valid' };
}

function chooseStart(c: Choices, s: Shape): void {
  if (!c.chance(10)) return;
  const nullary = s.funcTypes.flatMap((t, i) => (t.params.length === 0 && t.results.length === 0 ? [i] : []));
  if (nullary.length > 0) s.module.start = c.pick(nullary);
}

function exportEverything(m: Module): void {
  m.funcs.forEach((_, i) => m.exports.push({ name: `f${i}`, kind: 'func', index: i }));
  if (m.mems.length > 0) m.exports.push({ name: 'mem', kind: 'memory', index: 0 });
  m.tables.forEach((_, i) => m.exports.push({ name: `t${i}`, kind: 'table', index: i }));
  m.globals.forEach((_, i) => m.exports.push({ name: `g${i}`, kind: 'global', index: i }));
}

function chooseInvocations(c: Choices, s: Shape): Invocation[] {
  const n = 1 + c.int(s.options.maxInvocations);
  return Array.from({ length: n }, () => {
    const f = c.int(s.funcTypes.length);
    return { export: `f${f}`, args: s.funcTypes[f]!.params.map((t) => chooseArg(c, t)) };
  });
}
