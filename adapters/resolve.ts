// Which function an invocation calls, checked the same way by every adapter:
// an invocation naming no exported function, or whose arguments do not have
// the function's parameter types, is a plan error and is never run; so is a
// call through (plan.ts `through`) a result that is no typed function
// reference, or with arguments of other types.
import { funcTypeAt } from '../reference-runtime/valid/context.js';
import type { Module } from '../reference-runtime/syntax/module.js';
import { heapOf, isFuncType, isRefType, type FuncType, type ValType } from '../reference-runtime/syntax/types.js';
import type { ArgValue, Invocation } from './plan.js';

export type Resolved =
  | { ok: true; func: number; type: FuncType; /** the call through the returned reference: its type's index and the type */ through?: { typeIndex: number; type: FuncType } }
  | { ok: false; reason: string };

/** The types of an invocation's values: the function's results, then those of the call through its reference. */
export function outcomeTypes(r: Extract<Resolved, { ok: true }>): ValType[] {
  return [...r.type.results, ...(r.through?.type.results ?? [])];
}

export function funcType(module: Module, func: number): FuncType | undefined {
  const imported = module.imports.filter((i) => i.desc.kind === 'func');
  const typeIndex = func < imported.length ? (imported[func]!.desc as { type: number }).type : module.funcs[func - imported.length]?.type;
  return typeIndex === undefined ? undefined : funcTypeAt(module.types, typeIndex);
}

export function resolveInvocation(module: Module, inv: Invocation): Resolved {
  const exp = module.exports.find((e) => e.name === inv.export);
  if (exp === undefined || exp.kind !== 'func') return { ok: false, reason: `plan error: no exported function "${inv.export}"` };
  const type = funcType(module, exp.index);
  if (type === undefined) return { ok: false, reason: `plan error: export "${inv.export}" names no function` };
  const mismatch = argsMismatch(`"${inv.export}"`, type, inv.args);
  if (mismatch !== undefined) return { ok: false, reason: mismatch };
  if (inv.through === undefined) return { ok: true, func: exp.index, type };
  const last = type.results.at(-1);
  const typeIndex = last !== undefined && isRefType(last) ? heapOf(last) : undefined;
  const throughType = typeof typeIndex === 'number' ? module.types[typeIndex] : undefined;
  if (typeof typeIndex !== 'number' || throughType === undefined || !isFuncType(throughType)) {
    return { ok: false, reason: `plan error: "${inv.export}" returns no typed function reference last, nothing to call through` };
  }
  const throughMismatch = argsMismatch(`the reference "${inv.export}" returns`, throughType, inv.through);
  if (throughMismatch !== undefined) return { ok: false, reason: throughMismatch };
  return { ok: true, func: exp.index, type, through: { typeIndex, type: throughType } };
}

function argsMismatch(callee: string, type: FuncType, args: readonly ArgValue[]): string | undefined {
  const got = args.map((a) => a.type);
  if (got.length === type.params.length && got.every((t, i) => t === type.params[i])) return undefined;
  return `plan error: ${callee} takes (${type.params.join(' ')}), given (${got.join(' ')})`;
}
