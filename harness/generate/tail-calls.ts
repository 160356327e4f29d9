// Tail calls as statements that end their statement list: return_call of a
// later function, and from functions that call through references,
// return_call_indirect through a funcref table and return_call_ref through a
// typed function reference. The callee's results are the caller's (as for
// `return`), so the call DAG of module-shape.ts still bounds the depth.
import { instr } from '../../reference-runtime/syntax/instructions.js';
import { isFuncType } from '../../reference-runtime/syntax/types.js';
import { sameTypes, type BodyGen, type Options, type Stmts } from './body.js';
import { funcRefTypes } from './gc-code.js';

export function tailCallStmts(g: BodyGen, d: number): Options<Stmts> {
  const out: Options<Stmts> = [];
  const end = (instrs: Stmts['instrs']): Stmts => ({ instrs, terminal: true });
  const mine = g.type.results;
  const callees = g.directCallees().filter((f) => sameTypes(g.s.funcTypes[f]!.results, mine));
  if (callees.length > 0) {
    out.push([2, () => {
      const f = g.c.pick(callees);
      return end([...g.values(g.s.funcTypes[f]!.params, d), instr('return_call', { index: f })]);
    }]);
  }
  if (!g.callsThroughRefs()) return out;
  const types = g.s.module.types.filter(isFuncType).filter((ft) => sameTypes(ft.results, mine));
  if (g.tablesOf('funcref').length > 0 && types.length > 0) out.push([1, () => end(g.callIndirect(g.c.pick(types), d, 'return_call_indirect').instrs)]);
  const typed = funcRefTypes(g.s).filter((f) => sameTypes(f.type.results, mine));
  if (g.uses('function-references') && typed.length > 0) {
    out.push([4, () => {
      const f = g.c.pick(typed);
      return end([...g.values(f.type.params, d), ...g.expr(`ref null ${f.index}`, d), instr('return_call_ref', { index: f.index })]);
    }]);
  }
  return out;
}
