// Running minimiser cases on the reference interpreter, for the minimiser's
// tests: through its adapter, so that a candidate that loops forever times
// out; outcomes as text; predicates wrapped so that every candidate they see
// is checked valid and counted; fixture modules read from ./fixtures.
import { readFileSync } from 'node:fs';
import type { RunOutcome } from '../../adapters/plan.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import { showResult } from '../../adapters/values.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { printModule } from '../../reference-runtime/text/print.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import type { MinCase } from './minimize.js';

export const reference = new ReferenceAdapter();

/** The worker starts (and loads TypeScript) on the first plan, and again after a timeout: start it before anything is timed. */
export const warmUp = () => reference.run({ module: encodeModule(parseWat('(module)')), invocations: [] }, { timeoutMs: 60_000 });

export function fixture(name: string): Module {
  return parseWat(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), name);
}

/** Candidates that loop forever time out (body edits can delete a loop's exit, or a tail recursion's base case). */
export async function run(c: MinCase, timeoutMs = 2000): Promise<RunOutcome> {
  const out = await reference.run({ module: encodeModule(c.module), invocations: c.invocations }, { timeoutMs });
  if (out.verdict.kind === 'timeout' || out.invocations.some((i) => i.kind === 'timeout')) await warmUp();
  return out;
}

export function outcomeText(o: RunOutcome): string[] {
  return o.invocations.map((i) => (i.kind === 'values' ? i.values.map(showResult).join(' ') : i.kind === 'trap' ? `trap ${i.trap}` : i.kind));
}

/** The outcome of the invocation of `name` in the candidate, as text; undefined when the candidate does not invoke it. */
export async function outcomeOf(c: MinCase, name: string, timeoutMs?: number): Promise<string | undefined> {
  const k = c.invocations.findIndex((inv) => inv.export === name);
  return k < 0 ? undefined : outcomeText(await run(c, timeoutMs))[k];
}

/** Wraps a predicate: every candidate it sees must validate, and each call is logged. */
export function checked(pred: (c: MinCase) => Promise<boolean>) {
  const seen: string[] = [];
  return {
    seen,
    pred: async (c: MinCase) => {
      validateModule(c.module);
      seen.push(printModule(c.module));
      return pred(c);
    },
  };
}
