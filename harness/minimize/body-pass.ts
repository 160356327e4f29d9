// Pass 3 of the minimiser: function bodies. Per function, first the whole
// body is replaced by zero results; then chunks of every instruction
// sequence are deleted (ddmin, down to pairs); then each instruction, outer
// expressions first, gets the edits of body-edits.ts until none holds. A
// body edit changes one function only, so its validity is checked against
// that function alone before the whole candidate is.
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import { validateFunc } from '../../reference-runtime/valid/code.js';
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { moduleContext, type Context } from '../../reference-runtime/valid/validate.js';
import { bodyEffects, opener } from './body-typing.js';
import { listSites, siteEdits } from './body-edits.js';
import { chunkedDeletion } from './ddmin.js';
import { armsOf, seqAt, updateSeq, zeroConsts, type SeqPath } from './instr-tree.js';
import type { Reducer } from './reducer.js';
import { importedCount } from './renumber.js';

export async function reduceBodies(r: Reducer): Promise<void> {
  for (let f = 0; f < r.best.module.funcs.length && !r.exhausted; f++) {
    const ctx = moduleContext(r.best.module); // body edits leave the context as it is
    const edit = new BodyEditor(r, ctx, f);
    await edit.replaceWholeBody();
    await edit.deleteChunks();
    await edit.reduceSites();
  }
}

class BodyEditor {
  private readonly label: string;

  constructor(
    private readonly r: Reducer,
    private readonly ctx: Context,
    private readonly f: number,
  ) {
    this.label = `func ${importedCount(r.best.module, 'func') + f}`;
  }

  /** The function's type, module-relative like the effects (the context's is closed). */
  private get type(): { params: ValType[]; results: ValType[] } {
    const { params, results } = funcTypeAt(this.ctx.types, this.r.best.module.funcs[this.f]!.type);
    const open = opener(this.ctx);
    return { params: params.map(open) as ValType[], results: results.map(open) as ValType[] };
  }

  private get body(): Instr[] {
    return this.r.best.module.funcs[this.f]!.body;
  }

  /** Tries `body` in place of the current one; a body that does not validate never reaches the predicate. */
  async attempt(body: Instr[], what: string): Promise<boolean> {
    if (this.r.exhausted) return false;
    const m = this.r.best.module;
    const func = { ...m.funcs[this.f]!, body };
    if (this.r.inputValid && !funcValid(this.ctx, func)) return false;
    const funcs = m.funcs.slice();
    funcs[this.f] = func;
    const candidate: Module = { ...m, funcs };
    return this.r.attemptModule(candidate, `${this.label}: ${what}`);
  }

  async replaceWholeBody(): Promise<void> {
    const consts = zeroConsts(this.type.results);
    if (consts !== undefined && this.body.length > consts.length) await this.attempt(consts, `body replaced by ${consts.map((c) => c.op).join(' ') || 'nothing'}`);
  }

  /** ddmin on each instruction sequence, outer first; single instructions are left to the site edits. */
  async deleteChunks(): Promise<void> {
    for (let k = 0; !this.r.exhausted; k++) {
      const path = seqPaths(this.body)[k];
      if (path === undefined) return;
      const seq = seqAt(this.body, path);
      await chunkedDeletion(
        seq.map((_, i) => i),
        (kept, removed) => this.attempt(updateSeq(this.body, path, () => kept.map((i) => seq[i]!)), `deleted ${removed.length} instructions`),
        { smallest: 2, stop: () => this.r.exhausted },
      );
    }
  }

  /** Walks the sites in order; after an accepted edit the same position is tried again (it now holds something smaller). */
  async reduceSites(): Promise<void> {
    let cursor = 0;
    while (!this.r.exhausted) {
      const body = this.body;
      const site = listSites(body)[cursor];
      if (site === undefined) return;
      const effects = this.r.inputValid ? bodyEffects(this.r.best.module, this.ctx, this.f) : undefined;
      let changed = false;
      for (const edit of effects === undefined ? [] : siteEdits(body, seqAt(body, site.path), site, effects, this.type.params)) {
        if (await this.attempt(edit.body, edit.what)) {
          changed = true;
          break;
        }
      }
      if (!changed) cursor++;
    }
  }
}

function funcValid(ctx: Context, func: Module['funcs'][number]): boolean {
  try {
    validateFunc(ctx, func);
    return true;
  } catch (e) {
    if (e instanceof ValidationError) return false;
    throw e;
  }
}

/** Every instruction sequence of a body, outer before inner. */
function seqPaths(body: readonly Instr[], path: SeqPath = []): SeqPath[] {
  const out: SeqPath[] = [path];
  body.forEach((ins, at) => {
    for (const arm of armsOf(ins)) out.push(...seqPaths(ins[arm] ?? [], [...path, { at, arm }]));
  });
  return out;
}
