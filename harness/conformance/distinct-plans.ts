// Many units of a suite are the same plan: the same module bytes and the
// same invocations (const.wast writes one float constant many ways into
// identical modules, simd_const.wast too, table_init64.wast repeats modules
// of table_init.wast...: about one unit in six of the 3.0 suite). A runtime
// runs each distinct plan once per suite run, and every later copy takes
// that outcome, when a second run would give it again: not when it holds a
// timeout, a crash, a resource limit or a stack exhaustion, which can depend
// on the machine's load (those copies run themselves). Each copy is still
// judged against its own script's checks.
import { createHash } from 'node:crypto';
import type { Plan, RunOutcome } from '../../adapters/plan.js';

/** What identifies a plan's run: its module's bytes, its invocations and the rules it is judged by. */
export function planKey(plan: Plan): string {
  const known = keys.get(plan.module);
  if (known !== undefined && known.invocations === plan.invocations && known.spec === plan.spec) return known.key;
  const invocations = JSON.stringify(plan.invocations, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
  const key = createHash('sha256').update(plan.module).update('\0').update(invocations).update('\0').update(plan.spec ?? '').digest('hex');
  keys.set(plan.module, { invocations: plan.invocations, spec: plan.spec, key });
  return key;
}

/** By module bytes, for the invocations they were keyed with (a unit's plan is made anew for every runtime, from the same two arrays). */
const keys = new WeakMap<Uint8Array, { invocations: Plan['invocations']; spec: Plan['spec']; key: string }>();

/** The plans that occur more than once among `plans`, by key, with how many times each occurs. */
export function repeatedPlans(plans: readonly Plan[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const plan of plans) counts.set(planKey(plan), (counts.get(planKey(plan)) ?? 0) + 1);
  for (const [key, n] of counts) if (n < 2) counts.delete(key);
  return counts;
}

/** Whether running the plan again gives the same outcome: nothing in it depends on time or memory. */
export function repeatable(out: RunOutcome): boolean {
  const unstable = (kind: string) => kind === 'timeout' || kind === 'crash' || kind === 'resource' || kind === 'exhaustion';
  return !unstable(out.verdict.kind) && !out.invocations.some((o) => unstable(o.kind));
}

/**
 * One runtime's outcomes of the plans it ran in this suite run that repeat:
 * each kept until its last copy has taken it (`repeated` says how many
 * there are), so that the run holds no more outcomes than copies.
 */
export class DistinctRuns {
  private readonly outcomes = new Map<string, RunOutcome>();
  private readonly left: Map<string, number>;

  constructor(repeated: ReadonlyMap<string, number>) {
    this.left = new Map(repeated);
  }

  /**
   * Every plan's outcome: `runAll` is given (by index) only plans not run
   * before, each once; a copy takes the outcome of the plan it repeats, with
   * no processes of its own. A copy of a plan whose outcome was not
   * repeatable runs itself, in a later call.
   */
  async run(plans: readonly Plan[], runAll: (indexes: number[]) => Promise<RunOutcome[]>): Promise<RunOutcome[]> {
    const keys = plans.map(planKey);
    const outcomes: RunOutcome[] = [];
    let left = plans.map((_, i) => i);
    while (left.length > 0) {
      const fresh: number[] = [];
      const later: number[] = [];
      const keysRun = new Set<string>();
      for (const i of left) {
        const known = this.outcomes.get(keys[i]!);
        if (known !== undefined) {
          outcomes[i] = { ...known, processes: 0 };
          this.taken(keys[i]!);
        } else if (keysRun.has(keys[i]!)) later.push(i);
        else {
          keysRun.add(keys[i]!);
          fresh.push(i);
        }
      }
      const ran = fresh.length === 0 ? [] : await runAll(fresh);
      fresh.forEach((i, k) => {
        outcomes[i] = ran[k]!;
        if (this.left.has(keys[i]!) && repeatable(ran[k]!)) this.outcomes.set(keys[i]!, ran[k]!);
        this.taken(keys[i]!);
      });
      left = later;
    }
    return outcomes;
  }

  /** One more plan of this key has its outcome: past the last, the outcome is no longer kept. */
  private taken(key: string): void {
    const n = this.left.get(key);
    if (n === undefined) return;
    if (n > 1) this.left.set(key, n - 1);
    else {
      this.left.delete(key);
      this.outcomes.delete(key);
    }
  }
}
