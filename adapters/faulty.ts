// A fault-injection adapter for testing the fuzzer: the reference
// interpreter with one chosen bug switched on. Faults are injected around
// the oracle, never inside it: the module is rewritten before the reference
// adapter runs it (an instruction replaced by a buggy sequence), or the
// reference adapter's outcome is rewritten afterwards (a validator that
// accepts what it should reject).
import { funcTypeAt } from '../reference-runtime/valid/context.js';
import { decodeModule } from '../reference-runtime/binary/decode.js';
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { instr, type Instr } from '../reference-runtime/syntax/instructions.js';
import type { Func, Module } from '../reference-runtime/syntax/module.js';
import type { ValType } from '../reference-runtime/syntax/types.js';
import type { Adapter, Availability, FeatureSet, RunOptions } from './adapter.js';
import { notRun, type Plan, type RunOutcome } from './plan.js';
import { ReferenceAdapter } from './reference/reference.js';

export const FAULTS = ['rem-sign', 'f32-min-zero', 'fill-no-trap', 'accept-type-mismatch'] as const;
export type Fault = (typeof FAULTS)[number];

export function isFault(name: string): name is Fault {
  return (FAULTS as readonly string[]).includes(name);
}

export class FaultyAdapter implements Adapter {
  readonly id: string;
  readonly engine: string;
  private readonly inner = new ReferenceAdapter();

  constructor(readonly fault: Fault) {
    this.id = `faulty-${fault}`;
    this.engine = `reference interpreter with the ${fault} fault`;
  }

  async available(): Promise<Availability> {
    return { ok: true, version: `fault ${this.fault}` };
  }

  features(): Promise<FeatureSet> {
    return this.inner.features();
  }

  async run(plan: Plan, options?: RunOptions): Promise<RunOutcome> {
    if (this.fault === 'accept-type-mismatch') {
      const outcome = await this.inner.run(plan, options);
      if (outcome.verdict.kind !== 'invalid' || !/type mismatch/.test(outcome.verdict.message)) return { ...outcome, adapter: this.id };
      return { adapter: this.id, verdict: { kind: 'ok' }, invocations: notRun(plan.invocations.length, 'faulty: an invalid module accepted, nothing to run'), processes: 0 };
    }
    const outcome = await this.inner.run({ ...plan, module: this.rewrite(plan.module) }, options);
    return { ...outcome, adapter: this.id };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The module with every instance of the faulty instruction replaced; bytes that do not decode pass unchanged. */
  private rewrite(bytes: Uint8Array): Uint8Array {
    let m: Module;
    try {
      m = decodeModule(bytes);
    } catch {
      return bytes;
    }
    const target = TARGET[this.fault as Exclude<Fault, 'accept-type-mismatch'>];
    if (!m.funcs.some((f) => uses(f.body, target.op))) return bytes;
    const funcs = m.funcs.map((f) => (uses(f.body, target.op) ? rewriteFunc(m, f, target) : f));
    return encodeModule({ ...m, funcs });
  }
}

interface Target {
  op: string;
  /** scratch locals the replacement needs */
  scratch: ValType[];
  /** the replacement, given the index of the first scratch local */
  replace(first: number): Instr[];
}

const TARGET: Record<Exclude<Fault, 'accept-type-mismatch'>, Target> = {
  // the remainder negated: wrong sign whenever it is not 0 (traps unchanged)
  'rem-sign': { op: 'i32.rem_s', scratch: [], replace: () => [instr('i32.rem_s'), instr('i32.const', { i32: -1 }), instr('i32.mul')] },
  // a zero result is always +0, so min(-0, +0) is +0 (spec: -0)
  'f32-min-zero': {
    op: 'f32.min',
    scratch: ['f32'],
    replace: (s) => [
      instr('f32.min'),
      instr('local.set', { index: s }),
      instr('f32.const', { f32: 0 }),
      instr('local.get', { index: s }),
      instr('local.get', { index: s }),
      instr('f32.const', { f32: 0 }),
      instr('f32.eq'),
      instr('select'),
    ],
  },
  // an out-of-bounds fill does nothing instead of trapping
  'fill-no-trap': {
    op: 'memory.fill',
    scratch: ['i32', 'i32', 'i32'],
    replace: (s) => [
      instr('local.set', { index: s + 2 }), // n
      instr('local.set', { index: s + 1 }), // value
      instr('local.set', { index: s }), // d
      instr('local.get', { index: s }),
      instr('i64.extend_i32_u'),
      instr('local.get', { index: s + 2 }),
      instr('i64.extend_i32_u'),
      instr('i64.add'),
      instr('memory.size', { index: 0 }),
      instr('i64.extend_i32_u'),
      instr('i64.const', { i64: 16n }),
      instr('i64.shl'),
      instr('i64.le_u'),
      instr('if', {
        blockType: { kind: 'empty' },
        body: [instr('local.get', { index: s }), instr('local.get', { index: s + 1 }), instr('local.get', { index: s + 2 }), instr('memory.fill', { index: 0 })],
        elseBody: [],
      }),
    ],
  },
};

function uses(body: readonly Instr[], op: string): boolean {
  return body.some((i) => i.op === op || (i.body !== undefined && uses(i.body, op)) || (i.elseBody !== undefined && uses(i.elseBody, op)));
}

function rewriteFunc(m: Module, f: Func, t: Target): Func {
  const params = funcTypeAt(m.types, f.type).params.length;
  const first = params + f.locals.length;
  const walk = (body: readonly Instr[]): Instr[] =>
    body.flatMap((i) => {
      if (i.op === t.op) return t.replace(first);
      if (i.body === undefined && i.elseBody === undefined) return [i];
      return [{ ...i, ...(i.body ? { body: walk(i.body) } : {}), ...(i.elseBody ? { elseBody: walk(i.elseBody) } : {}) }];
    });
  return { ...f, locals: [...f.locals, ...t.scratch], body: walk(f.body) };
}
