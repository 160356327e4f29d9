// Validation of instruction sequences: function bodies (spec 3.4.1) and any
// expression with a known result type. Bodies nest in the AST, but the walk
// keeps its own stack of open sequences instead of recursing, so arbitrarily
// deep nesting cannot exhaust the host's call stack.
import type { Instr } from '../syntax/instructions.js';
import type { Func } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import { isDefaultable } from '../types/defaultable.js';
import { closeInContext, funcTypeAt, type Context } from './context.js';
import { typeElse, typeEnd, typeInstr, type FuncEnv } from './instr-type.js';
import { TypeStack } from './type-stack.js';

const NO_INSTRS: readonly Instr[] = [];
const NO_PARAMS: readonly ValType[] = [];

export function validateFunc(ctx: Context, func: Func, stack: TypeStack = new TypeStack()): void {
  validateExpr(funcEnv(ctx, func), func.body, stack);
}

/**
 * The environment of a function body: its closed parameter, local and result
 * types, and which locals start unset (non-defaultable ones, 3.0).
 * Throws "unknown type" for a local of a missing concrete type.
 */
export function funcEnv(ctx: Context, func: Func): FuncEnv {
  const ft = funcTypeAt(ctx.types, func.type);
  const locals = [...ft.params, ...func.locals];
  let unset: Uint8Array | undefined;
  for (let i = ft.params.length; i < locals.length; i++) {
    const t = locals[i]!;
    // Only `ref ...` (non-nullable or concrete) needs closing or can lack a default; the common types skip both.
    if (t.charCodeAt(0) !== 114 /* r */) continue;
    locals[i] = closeInContext(ctx, t);
    if (!isDefaultable(t)) (unset ??= new Uint8Array(locals.length))[i] = 1;
  }
  return { ctx, locals, results: ft.results, unset };
}

/**
 * Types `body` as the body of a block with no parameters and the results
 * `env.results` (a function body, or a constant expression with empty locals).
 * `stack` must be empty; it is reusable afterwards.
 */
export function validateExpr(env: FuncEnv, body: readonly Instr[], stack: TypeStack = new TypeStack()): void {
  if (stack.ctrlDepth !== 0 || stack.vals.length !== 0) throw new Error('validateExpr: the type stack is not empty (a caller reused it after a failure)');
  stack.startLocals(env.unset?.slice());
  stack.pushCtrl('func', NO_PARAMS, env.results);
  // One entry per open sequence: the instructions, the next position, and the
  // `if` that owns it while its then-branch is being walked (for the else step).
  const seqs: (readonly Instr[])[] = [body];
  const pos: number[] = [0];
  const pendingElse: (Instr | undefined)[] = [undefined];
  while (seqs.length > 0) {
    const top = seqs.length - 1;
    const seq = seqs[top]!;
    const i = pos[top]!;
    if (i < seq.length) {
      pos[top] = i + 1;
      const ins = seq[i]!;
      typeInstr(env, stack, ins);
      if (ins.op === 'block' || ins.op === 'loop' || ins.op === 'if' || ins.op === 'try_table') {
        seqs.push(ins.body ?? NO_INSTRS);
        pos.push(0);
        pendingElse.push(ins.op === 'if' ? ins : undefined);
      }
      continue;
    }
    const owner = pendingElse[top];
    if (owner !== undefined) {
      // An `if` without else has an implicit empty else-branch, which
      // type-checks only when the block type's parameters equal its results.
      typeElse(stack);
      seqs[top] = owner.elseBody ?? NO_INSTRS;
      pos[top] = 0;
      pendingElse[top] = undefined;
      continue;
    }
    typeEnd(stack);
    seqs.pop();
    pos.pop();
    pendingElse.pop();
  }
  // What remains is exactly the results, checked by the final end.
  stack.vals.length = 0;
}
