// Calls between functions, which no in-body edit can remove: a divergence
// found three calls deep stays three functions big unless the calls go.
//  - devirtualisation: `call_indirect` becomes a direct `call` of one of the
//    functions the element segments put in tables (its index operand dropped);
//  - inlining: a function called from exactly one place and referenced
//    nowhere else is moved into its caller (arguments and its own locals
//    become new locals of the caller, `return` a branch out of a block) and
//    removed, so each accepted inlining leaves one function fewer. A callee
//    with a tail call is left alone: inside the caller it would return from
//    the caller.
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { funcTypeEquals, type BlockType, type FuncType } from '../../reference-runtime/syntax/types.js';
import { isDefaultable } from '../../reference-runtime/types/defaultable.js';
import { funcType } from '../../adapters/resolve.js';
import { armsOf, replaceRange, zeroConst, type SeqPath } from './instr-tree.js';
import { forEachInstr, mapTree } from '../../reference-runtime/syntax/walk.js';
import type { Reducer } from './reducer.js';
import { importedCount, removeFromSpace } from './renumber.js';

export async function reduceCalls(r: Reducer): Promise<void> {
  await devirtualize(r);
  await inlineSingleCalls(r);
}

interface CallSite {
  /** defined-function index of the caller */
  f: number;
  path: SeqPath;
  at: number;
  ins: Instr;
}

function callSites(m: Module, op: 'call' | 'call_indirect'): CallSite[] {
  const out: CallSite[] = [];
  const walk = (f: number, seq: readonly Instr[], path: SeqPath) =>
    seq.forEach((ins, at) => {
      if (ins.op === op) out.push({ f, path, at, ins });
      for (const arm of armsOf(ins)) walk(f, ins[arm] ?? [], [...path, { at, arm }]);
    });
  m.funcs.forEach((func, f) => walk(f, func.body, []));
  return out;
}

function replaceAt(m: Module, site: CallSite, with_: Instr[]): Module {
  const funcs = m.funcs.slice();
  funcs[site.f] = { ...m.funcs[site.f]!, body: replaceRange(m.funcs[site.f]!.body, site.path, site.at, site.at, with_) };
  return { ...m, funcs };
}

async function devirtualize(r: Reducer): Promise<void> {
  for (let k = 0; !r.exhausted; ) {
    const m = r.best.module;
    const site = callSites(m, 'call_indirect')[k];
    if (site === undefined) return;
    const wanted = funcTypeAt(m.types, site.ins.index!);
    let changed = false;
    for (const g of tableFuncs(m)) {
      const t = funcType(m, g);
      if (wanted === undefined || t === undefined || !funcTypeEquals(t, wanted)) continue;
      const candidate = replaceAt(m, site, [{ op: 'drop' }, { op: 'call', index: g }]);
      if (await r.attemptModule(candidate, `func ${importedCount(m, 'func') + site.f}: call_indirect replaced by call ${g}`)) {
        changed = true;
        break;
      }
    }
    if (!changed) k++;
  }
}

/** Functions element segments name, in order of first appearance. */
function tableFuncs(m: Module): number[] {
  const out: number[] = [];
  for (const e of m.elems) for (const expr of e.init) for (const ins of expr) if (ins.op === 'ref.func' && !out.includes(ins.index!)) out.push(ins.index!);
  return out;
}

async function inlineSingleCalls(r: Reducer): Promise<void> {
  for (let g = importedCount(r.best.module, 'func'); !r.exhausted; ) {
    const m = r.best.module;
    if (g >= importedCount(m, 'func') + m.funcs.length) return;
    const sites = callSites(m, 'call').filter((s) => s.ins.index === g);
    const inlined = sites.length === 1 ? inline(m, sites[0]!, g) : undefined;
    const candidate = inlined && removeFromSpace(inlined, 'func', new Set([g]));
    const caller = importedCount(m, 'func') + (sites[0]?.f ?? 0);
    // On success the functions after g move down one: the same g is the next one.
    if (candidate === undefined || !(await r.attemptModule(candidate, `inlined func ${g} into func ${caller}`))) g++;
  }
}

/** `m` with the call at `site` replaced by the body of function `g`; undefined when that cannot be expressed. */
export function inline(m: Module, site: CallSite, g: number): Module | undefined {
  const callee = m.funcs[g - importedCount(m, 'func')];
  if (callee === undefined || g - importedCount(m, 'func') === site.f || hasTailCall(callee.body)) return undefined;
  const calleeType = funcTypeAt(m.types, callee.type);
  const caller = m.funcs[site.f]!;
  const base = funcTypeAt(m.types, caller.type).params.length + caller.locals.length;
  const blockType = resultBlockType(m, calleeType);
  if (blockType === undefined) return undefined;
  const params = calleeType.params.length;
  const takeArgs: Instr[] = calleeType.params.map((_, k) => ({ op: 'local.set', index: base + params - 1 - k }));
  // Each call starts the callee's locals at their defaults; a non-defaultable one is set before every use anyway.
  const zeroLocals: Instr[] = callee.locals.flatMap((t, j) => (isDefaultable(t) ? [zeroConst(t)!, { op: 'local.set', index: base + params + j }] : []));
  const body = mapTree(callee.body, (ins, depth) => {
    if (ins.op === 'local.get' || ins.op === 'local.set' || ins.op === 'local.tee') return { ...ins, index: ins.index! + base };
    if (ins.op === 'return') return { op: 'br', index: depth };
    return ins;
  });
  const withBody = replaceAt(m, site, [...takeArgs, ...zeroLocals, { op: 'block', blockType, body }]);
  const funcs = withBody.funcs.slice();
  funcs[site.f] = { ...funcs[site.f]!, locals: [...caller.locals, ...calleeType.params, ...callee.locals] };
  return { ...withBody, funcs };
}

const TAIL_CALLS = new Set(['return_call', 'return_call_indirect', 'return_call_ref']);

function hasTailCall(body: readonly Instr[]): boolean {
  let found = false;
  forEachInstr(body, (ins) => {
    found ||= TAIL_CALLS.has(ins.op);
  });
  return found;
}

/** A block type for `[] -> results`: empty, one value, or an existing type of that shape. */
function resultBlockType(m: Module, t: FuncType): BlockType | undefined {
  if (t.results.length === 0) return { kind: 'empty' };
  if (t.results.length === 1) return { kind: 'value', type: t.results[0]! };
  const index = m.types.findIndex((u) => funcTypeEquals(u, { params: [], results: t.results }));
  return index < 0 ? undefined : { kind: 'type', index };
}
