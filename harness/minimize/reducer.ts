// The minimiser's bookkeeping: the best case so far, the predicate calls
// spent against the budget, the steps accepted, and the gate every candidate
// passes before the (expensive) predicate sees it: the validator's verdict
// must stay what it was for the input (valid stays valid; an invalid input,
// a validation finding, keeps its exact error), every invocation must still
// name an exported function with matching parameters, and the same
// candidate is never asked about twice.
import { showResult } from '../../adapters/values.js';
import type { Invocation } from '../../adapters/plan.js';
import { resolveInvocation } from '../../adapters/resolve.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';

export interface MinCase {
  module: Module;
  invocations: Invocation[];
}

export type Predicate = (candidate: MinCase) => Promise<boolean>;

export interface MinimizeOptions {
  /** Most predicate calls to spend (default 2000). */
  maxTests?: number;
  /** Wall-clock budget in milliseconds (default 120000). */
  timeBudgetMs?: number;
}

export const DEFAULT_MAX_TESTS = 2000;
export const DEFAULT_TIME_BUDGET_MS = 120_000;

/** The validator's verdict as a string: 'valid', or the error message. */
export function validity(module: Module): string {
  try {
    validateModule(module);
    return 'valid';
  } catch (e) {
    if (e instanceof ValidationError) return `invalid: ${e.message}`;
    throw e;
  }
}

export class Reducer {
  best: MinCase;
  tests = 0;
  readonly steps: string[] = [];
  private readonly verdict: string;
  private readonly tried = new Set<string>();
  private readonly maxTests: number;
  private readonly deadline: number;

  constructor(
    input: MinCase,
    private readonly stillFails: Predicate,
    options: MinimizeOptions = {},
  ) {
    this.best = input;
    this.verdict = validity(input.module);
    this.maxTests = options.maxTests ?? DEFAULT_MAX_TESTS;
    this.deadline = Date.now() + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
    this.tried.add(caseKey(input));
  }

  get exhausted(): boolean {
    return this.tests >= this.maxTests || Date.now() >= this.deadline;
  }

  /** Whether the input module was valid (body edits then rely on typing it). */
  get inputValid(): boolean {
    return this.verdict === 'valid';
  }

  /** Cheap checks only: the candidate could be shown to the predicate. */
  admissible(c: MinCase): boolean {
    if (validity(c.module) !== this.verdict) return false;
    return c.invocations.every((inv) => resolveInvocation(c.module, inv).ok);
  }

  /** Asks the predicate about an admissible, new candidate; on success it becomes the best, and `step` is recorded. */
  async attempt(c: MinCase, step: string): Promise<boolean> {
    if (this.exhausted || !this.admissible(c)) return false;
    const key = caseKey(c);
    if (this.tried.has(key)) return false;
    this.tried.add(key);
    this.tests++;
    if (!(await this.stillFails(c))) return false;
    this.best = c;
    this.steps.push(step);
    return true;
  }

  /** A candidate with the best case's invocations and another module. */
  async attemptModule(module: Module, step: string): Promise<boolean> {
    return this.attempt({ module, invocations: this.best.invocations }, step);
  }
}

function caseKey(c: MinCase): string {
  const bytes = Buffer.from(encodeModule(c.module, { names: true })).toString('base64');
  const invs = c.invocations.map((inv) => `${inv.export}(${inv.args.map(showResult).join(',')})`).join(';');
  return `${bytes}|${invs}`;
}
