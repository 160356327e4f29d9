// The edits the minimiser tries at one instruction of a function body, most
// reducing first. Each keeps the body valid by construction where the types
// allow (the validator still checks every candidate):
//  - an expression that leaves nothing (a store, a set, a call, a dropped
//    value, a branch) is deleted with its operands;
//  - an expression that leaves values is replaced by zero constants of
//    their types, by a parameter of its type (the invocation's argument),
//    or by one of its own operands of the same type;
//  - block, loop and try_table are unwrapped into their bodies when nothing
//    branches to them (a try_table loses its handlers); `if` becomes one of
//    its arms (its condition dropped);
//  - br_if becomes a `drop` of its condition, br_table a `br` to its default;
//  - `local.set x; local.get x` becomes `local.tee x` (which the operand
//    edit then removes).
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';
import { concreteResults, exprStart, operandRanges, type Effects } from './body-typing.js';
import { armsOf, replaceRange, sameInstrs, zeroConsts, type SeqPath } from './instr-tree.js';
import { mapTree } from '../../reference-runtime/syntax/walk.js';
import { mapLabels } from '../../reference-runtime/syntax/renumber.js';

export interface Site {
  path: SeqPath;
  /** position in the sequence at `path` */
  at: number;
}

export interface BodyEdit {
  body: Instr[];
  what: string;
}

/** Every instruction of a body, outer expressions before the ones inside them (last in a sequence first). */
export function listSites(body: readonly Instr[], path: SeqPath = []): Site[] {
  const out: Site[] = [];
  for (let at = body.length - 1; at >= 0; at--) {
    out.push({ path, at });
    const ins = body[at]!;
    for (const arm of armsOf(ins)) out.push(...listSites(ins[arm] ?? [], [...path, { at, arm }]));
  }
  return out;
}

/** The edits for the instruction at `site`; `params` are the function's parameter types (their values come from the invocation). */
export function siteEdits(body: readonly Instr[], seq: readonly Instr[], site: Site, effects: Effects, params: readonly ValType[]): BodyEdit[] {
  const ins = seq[site.at]!;
  const effect = effects.get(ins);
  if (effect === undefined) return [];
  const edits: BodyEdit[] = [];
  const replace = (start: number, end: number, with_: Instr[], what: string) => {
    if (!sameInstrs(seq.slice(start, end + 1), with_)) edits.push({ body: replaceRange(body, site.path, start, end, with_), what });
  };
  const start = exprStart(seq, site.at, effects);
  if (start !== undefined) {
    const size = `${ins.op} (${site.at - start + 1} instrs)`;
    const results = concreteResults(effect);
    const consts = results && zeroConsts(results);
    if (effect.pushed.length === 0) replace(start, site.at, [], `deleted ${size}`);
    else if (consts !== undefined && !(start === site.at && isConstant(ins))) replace(start, site.at, consts, `replaced ${size} with ${consts.map((c) => c.op).join(' ')}`);
    // A lone constant or local.get is already as simple as a parameter: replacing it would only go round in circles.
    const trivial = start === site.at && (isConstant(ins) || ins.op === 'local.get');
    if (effect.pushed.length === 1 && !trivial) {
      params.forEach((t, p) => {
        if (t === effect.pushed[0]) replace(start, site.at, [{ op: 'local.get', index: p }], `replaced ${size} by parameter ${p}`);
      });
    }
    for (const [a, b] of operandRanges(seq, site.at, effects) ?? []) {
      const operand = effects.get(seq[b]!)!;
      if (effect.pushed.length === 1 && operand.pushed[0] === effect.pushed[0]) {
        replace(start, site.at, seq.slice(a, b + 1), `replaced ${size} by its operand ${seq[b]!.op}`);
      }
    }
  }
  const before = seq[site.at - 1];
  if (ins.op === 'local.get' && before?.op === 'local.set' && before.index === ins.index) {
    replace(site.at - 1, site.at, [{ op: 'local.tee', index: ins.index! }], 'merged local.set and local.get into local.tee');
  }
  for (const e of structuralEdits(ins)) replace(site.at, site.at, e.with_, e.what);
  return edits;
}

function isConstant(ins: Instr): boolean {
  return ins.op.endsWith('.const') || ins.op === 'ref.null';
}

function structuralEdits(ins: Instr): { with_: Instr[]; what: string }[] {
  switch (ins.op) {
    case 'block':
    case 'loop':
    case 'try_table': {
      const inner = unwrapped(ins.body ?? []);
      return inner === undefined ? [] : [{ with_: inner, what: `unwrapped ${ins.op}` }];
    }
    case 'if':
      return armsOf(ins).map((arm) => {
        const body = ins[arm] ?? [];
        const inner = unwrapped(body);
        const rest: Instr[] = inner ?? [{ op: 'block', ...(ins.blockType ? { blockType: ins.blockType } : {}), body }];
        return { with_: [{ op: 'drop' }, ...rest], what: `replaced if by its ${arm === 'body' ? 'then' : 'else'}-branch` };
      });
    case 'br_if':
      return [{ with_: [{ op: 'drop' }], what: 'replaced br_if by drop' }];
    case 'br_table':
      return [{ with_: [{ op: 'drop' }, { op: 'br', index: ins.index! }], what: 'replaced br_table by br' }];
    default:
      return [];
  }
}

class TargetsBlock extends Error {}

/**
 * A block's body moved out of it: every label that reaches past the body
 * (branches, br_on_*, catch clauses) loses one level; undefined when one
 * targets the block itself.
 */
export function unwrapped(body: readonly Instr[]): Instr[] | undefined {
  const outer = (label: number, depth: number): number => {
    if (label === depth) throw new TargetsBlock();
    return label > depth ? label - 1 : label;
  };
  try {
    return mapTree(body, (ins, depth) => mapLabels(ins, (label) => outer(label, depth)));
  } catch (e) {
    if (e instanceof TargetsBlock) return undefined;
    throw e;
  }
}
