// A fault-injection adapter for testing the fuzzer: the reference
// interpreter with one chosen bug switched on. Faults are injected around
// the oracle, never inside it: a valid module is rewritten before the
// reference adapter runs it (every instance of an instruction replaced by a
// buggy sequence, fault-rewrites.ts), or the reference adapter's outcome is
// rewritten afterwards (a validator that accepts what it should reject).
// Nothing but the behaviour tells which fault is on: the adapter reports the
// reference's features, and its id names the fault only for the reports.
import { funcTypeAt } from '../reference-runtime/valid/context.js';
import { validateModule } from '../reference-runtime/valid/validate.js';
import { decodeModule } from '../reference-runtime/binary/decode.js';
import { encodeModule } from '../reference-runtime/binary/encode.js';
import type { Module } from '../reference-runtime/syntax/module.js';
import type { Adapter, Availability, FeatureSet, RunOptions } from './adapter.js';
import { injectFault, INSTR_FAULTS, type InstrFaultName } from './fault-rewrites.js';
import { notRun, type Plan, type RunOutcome } from './plan.js';
import { ReferenceAdapter } from './reference/reference.js';

export const FAULTS = [...(Object.keys(INSTR_FAULTS) as InstrFaultName[]), 'accept-type-mismatch'] as const;
export type Fault = InstrFaultName | 'accept-type-mismatch';

export function isFault(name: string): name is Fault {
  return (FAULTS as readonly string[]).includes(name);
}

/** The reference interpreter's features, probed once per process: every faulty adapter has them. */
let referenceFeatures: Promise<FeatureSet> | undefined;

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
    return (referenceFeatures ??= this.inner.features());
  }

  async run(plan: Plan, options?: RunOptions): Promise<RunOutcome> {
    if (this.fault === 'accept-type-mismatch') {
      const outcome = await this.inner.run(plan, options);
      if (outcome.verdict.kind !== 'invalid' || !/type mismatch/.test(outcome.verdict.message)) return { ...outcome, adapter: this.id };
      return { adapter: this.id, verdict: { kind: 'ok' }, invocations: notRun(plan.invocations.length, 'faulty: an invalid module accepted, nothing to run'), processes: 0 };
    }
    const outcome = await this.inner.run({ ...plan, module: this.rewrite(plan.module, this.fault) }, options);
    return { ...outcome, adapter: this.id };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * The module with the fault injected. Bytes pass unchanged when they do
   * not decode or validate, or are not the encoder's own encoding of what
   * they decode to (a mutant whose oddity re-encoding would lose, so that
   * only the instruction ever changes), or lack the instruction.
   */
  private rewrite(bytes: Uint8Array, fault: InstrFaultName): Uint8Array {
    let m: Module;
    try {
      m = decodeModule(bytes);
      validateModule(m);
      if (!Buffer.from(encodeModule(m)).equals(bytes)) return bytes;
    } catch {
      return bytes;
    }
    const types = m.types;
    const faulty = injectFault(m, INSTR_FAULTS[fault], (t) => funcTypeAt(types, t).params.length);
    return faulty === undefined ? bytes : encodeModule(faulty);
  }
}
