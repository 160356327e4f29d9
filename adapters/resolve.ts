// Which function an invocation calls, checked the same way by every adapter:
// an invocation naming no exported function, or whose arguments do not have
// the function's parameter types, is a plan error and is never run.
import { funcTypeAt } from '../reference-runtime/valid/context.js';
import type { Module } from '../reference-runtime/syntax/module.js';
import type { FuncType } from '../reference-runtime/syntax/types.js';
import type { Invocation } from './plan.js';

export type Resolved = { ok: true; func: number; type: FuncType } | { ok: false; reason: string };

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
  const got = inv.args.map((a) => a.type);
  if (got.length !== type.params.length || got.some((t, i) => t !== type.params[i])) {
    return { ok: false, reason: `plan error: "${inv.export}" takes (${type.params.join(' ')}), given (${got.join(' ')})` };
  }
  return { ok: true, func: exp.index, type };
}
