// Exception handling code: throw (a tag and its arguments) and throw_ref (an
// exnref) end their statement list; try_table computes values of given types
// with one or two catch clauses, each branching to a handler block of its own
// (a tag's parameters, plus the exnref for the _ref forms) whose code turns
// what it received into those values, keeps a caught exnref, or rethrows it.
//
//   block (result X)                        ;; outer
//     block (result H1) ... block (result Hk)
//       try_table (result X) (catch.. -> Hj)* body end
//       br k                                ;; no exception: X to outer
//     end  handler k; br k-1 ... end handler 1
//   end
import { instr, type Catch, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { FuncType, ValType } from '../../reference-runtime/syntax/types.js';
import type { BodyGen, Options, Stmts } from './body.js';

const KINDS: readonly Catch['kind'][] = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];

function tagType(g: BodyGen, tag: number): FuncType {
  return g.s.module.types[g.s.module.tags[tag]!.type] as FuncType;
}

/** `throw` of a tag with arguments. */
export function throwCode(g: BodyGen, d: number): Instr[] {
  const tag = g.c.int(g.s.module.tags.length);
  return [...g.values(tagType(g, tag).params, d), instr('throw', { index: tag })];
}

export function exnStmts(g: BodyGen, d: number): Options<Stmts> {
  const out: Options<Stmts> = [
    [1, () => ({ instrs: throwCode(g, d), terminal: true })],
    [1, () => ({ instrs: [...g.expr('exnref', d), instr('throw_ref')], terminal: true })],
  ];
  if (g.canNest()) out.push([2, () => ({ instrs: tryTable(g, [], d), terminal: false })]);
  return out;
}

export function exnProducers(g: BodyGen, t: ValType, d: number): Options<Instr[]> {
  return [[t === 'exnref' ? 4 : 1, () => tryTable(g, [t], d)]];
}

/** A try_table computing values of types `x`, with its handlers (see the top of this file). */
export function tryTable(g: BodyGen, x: ValType[], d: number): Instr[] {
  const c = g.c;
  const k = 1 + c.int(2);
  const clauses = Array.from({ length: k }, () => {
    const kind = c.pick(KINDS);
    const tag = kind === 'catch' || kind === 'catch_ref' ? c.int(g.s.module.tags.length) : undefined;
    const types: ValType[] = [...(tag === undefined ? [] : tagType(g, tag).params), ...(kind.endsWith('_ref') ? ['exnref' as ValType] : [])];
    return { kind, tag, types };
  });
  g.enter(x);
  clauses.forEach((h) => g.enter(h.types));
  // the try body: its own label; mostly it throws (directly, or in what it calls)
  g.enter(x);
  const s = g.stmts(1);
  const body = [...s.instrs];
  if (!s.terminal) body.push(...(c.chance(40) ? throwCode(g, d) : g.values(x, d)));
  g.leave();
  const catches: Catch[] = clauses.map((h, j) => ({ kind: h.kind, ...(h.tag === undefined ? {} : { tag: h.tag }), label: k - 1 - j }));
  let inner: Instr[] = [instr('try_table', { blockType: g.blockType([], x), catches, body }), instr('br', { index: k })];
  for (let j = k - 1; j >= 0; j--) {
    g.leave();
    const block = instr('block', { blockType: g.blockType([], clauses[j]!.types), body: inner });
    inner = [block, ...handler(g, clauses[j]!.types, x, d), ...(j > 0 ? [instr('br', { index: j })] : [])];
  }
  g.leave();
  return [instr('block', { blockType: g.blockType([], x), body: inner })];
}

/** With `h` on the stack, leave `x`: keep a caught value of the one type asked for, rethrow the exnref, or consume and compute. */
function handler(g: BodyGen, h: ValType[], x: ValType[], d: number): Instr[] {
  const c = g.c;
  if (x.length === 1 && h.includes(x[0]!) && c.chance(70)) return g.keepOne({ instrs: [], type: { params: [], results: h } }, x[0]!);
  if (h.at(-1) === 'exnref' && c.chance(30)) return [instr('throw_ref')];
  return [...[...h].reverse().map((t) => g.sink(t)), ...g.values(x, d)];
}
