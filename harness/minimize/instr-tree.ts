// Instruction trees without mutation: every minimiser edit builds a new
// candidate that shares what it did not change with the best module so far,
// so a rejected candidate never disturbs the accepted one.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { isNullable, isRefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { isBlockLike } from '../../reference-runtime/syntax/walk.js';

/** Which nested sequence of a block-like instruction: the body (then-branch) or the else-branch. */
export type Arm = 'body' | 'elseBody';

/** Where a nested instruction sequence is: from the function body, one (position, arm) step per enclosing block. */
export type SeqPath = readonly { at: number; arm: Arm }[];

/** The arms a block-like instruction has: `if` always has both (an absent else is empty). */
export function armsOf(ins: Instr): Arm[] {
  if (ins.op === 'if') return ['body', 'elseBody'];
  return isBlockLike(ins) ? ['body'] : [];
}

export function seqAt(body: readonly Instr[], path: SeqPath): readonly Instr[] {
  let seq = body;
  for (const step of path) seq = seq[step.at]![step.arm] ?? [];
  return seq;
}

/** `body` with the sequence at `path` replaced by `replace(old)`. */
export function updateSeq(body: readonly Instr[], path: SeqPath, replace: (seq: readonly Instr[]) => Instr[]): Instr[] {
  if (path.length === 0) return replace(body);
  const [step, ...rest] = path;
  const out = body.slice();
  const owner = body[step!.at]!;
  out[step!.at] = { ...owner, [step!.arm]: updateSeq(owner[step!.arm] ?? [], rest, replace) };
  return out;
}

/** `body` with instructions [start, end] (inclusive) of the sequence at `path` replaced by `with_`. */
export function replaceRange(body: readonly Instr[], path: SeqPath, start: number, end: number, with_: readonly Instr[]): Instr[] {
  return updateSeq(body, path, (seq) => [...seq.slice(0, start), ...with_, ...seq.slice(end + 1)]);
}

/** Whether two sequences are the same instructions (used to skip edits that change nothing). */
export function sameInstrs(a: readonly Instr[], b: readonly Instr[]): boolean {
  return a.length === b.length && a.every((x, i) => instrKey(x) === instrKey(b[i]!));
}

function instrKey(ins: Instr): string {
  return JSON.stringify(ins, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
}

/**
 * The simplest constant of a (module-relative) type: zero, or the null of a
 * nullable reference type; undefined for a non-nullable reference type,
 * which has no default, and for the `unknown` operand type.
 */
export function zeroConst(t: ValType | 'unknown'): Instr | undefined {
  switch (t) {
    case 'i32':
      return { op: 'i32.const', i32: 0 };
    case 'i64':
      return { op: 'i64.const', i64: 0n };
    case 'f32':
      return { op: 'f32.const', f32: 0 };
    case 'f64':
      return { op: 'f64.const', f64: 0n };
    case 'v128':
      return { op: 'v128.const', bytes: new Uint8Array(16) };
    case 'unknown':
      return undefined;
    default:
      return isRefType(t) && isNullable(t) ? { op: 'ref.null', refType: t } : undefined;
  }
}

/** Zero constants for a list of types, or undefined when one of them is not known. */
export function zeroConsts(types: readonly (ValType | 'unknown')[]): Instr[] | undefined {
  const out: Instr[] = [];
  for (const t of types) {
    const c = zeroConst(t);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}
