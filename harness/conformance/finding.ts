// A divergence as a sighting of a finding for the store: its cause
// (harness/findings/cause.ts: family, kind, culprit, operand class) and
// signature, a one-line summary, the module and its WAT, the details a
// runtime maintainer asks for (where, the command, expected by the script,
// what the oracle gave under the same plan, what the runtime gave, its raw
// output) and the command that reproduces it on that runtime. For an
// invocation the repro runs only what it needs: the invocations since the
// instance was last fresh (the oracle's traps reset it), up to the diverging one.
import { printModule } from '../../reference-runtime/text/print-module.js';
import type { InvocationOutcome, RunOutcome } from '../../adapters/plan.js';
import { showOutcome } from '../compare/compare.js';
import type { NewFinding } from '../store/store.js';
import type { Judgement } from './judge.js';
import { storeInvocations } from './repro.js';
import { displayName } from './display-name.js';
import { exportedBodyOpcodes, moduleOpcodes } from './signature.js';
import { causeOf, causeSignature, describeCause } from '../findings/cause.js';
import type { ScriptPlan } from './translate.js';

export interface PendingFinding {
  finding: NewFinding;
  /** `file:line` of every sighting in this run. */
  occurrences: string[];
}

export interface FindingInput {
  plan: ScriptPlan;
  check: number;
  judgement: Judgement & { status: 'failed' };
  runtime: string;
  version: string;
  oracle: (RunOutcome | undefined)[];
  outcomes: (RunOutcome | undefined)[];
  repro: { driver?: string; module?: string };
}

export function pendingFinding(x: FindingInput): PendingFinding {
  const check = x.plan.checks[x.check]!;
  const unit = x.plan.units[check.unit!]!;
  const oracle = x.oracle[check.unit!];
  const j = x.judgement;
  const at = `${displayName(x.plan.file)}:${check.line}`;
  const isInvocation = check.invocation !== undefined;
  const inv = isInvocation ? unit.invocations[check.invocation!]! : undefined;
  const opcodes = inv ? exportedBodyOpcodes(unit.module, inv.export) : moduleOpcodes(unit.module);
  const from = isInvocation ? freshFrom(oracle?.invocations ?? [], check.invocation!) : 0;
  const invocations = isInvocation ? unit.invocations.slice(from, check.invocation! + 1) : [];
  const oracleInvocation = isInvocation ? oracle?.invocations[check.invocation!] : undefined;
  const oracleSaw = oracle === undefined ? 'not run' : !isInvocation ? oracle.verdict.kind : oracleInvocation ? showOutcome(oracleInvocation) : 'not run';
  const repro = isInvocation ? x.repro.driver : x.repro.module;
  const expect = check.expect;
  const cause = causeOf({
    divergence: { kind: j.kind!, runtime: x.runtime, expectedClass: j.expectedClass, actualClass: j.actualClass, ...(j.nanRule ? { nanRule: j.nanRule } : {}), ...(j.message ? { message: j.message } : {}) },
    ...(unit.module ? { module: unit.module } : {}),
    ...(inv ? { invocation: inv } : {}),
    ...(expect.kind === 'verdict' ? { rule: expect.message } : {}),
  });
  const finding: NewFinding = {
    signature: causeSignature(cause),
    cause,
    sighting: { runtime: x.runtime, version: x.version, source: 'spec', origin: at },
    kind: j.kind!,
    summary: clip(`${describeCause(cause, [x.runtime])}: e.g. ${check.text}: expected ${j.expected}, got ${j.actual}`, 240),
    runtimes: [x.runtime],
    moduleBytes: unit.bytes,
    ...(unit.module ? { wat: printModule(unit.module) } : {}),
    details: {
      at,
      command: check.text,
      expected: j.expected,
      oracle: oracleSaw,
      actual: { [x.runtime]: j.actual },
      classes: { expected: j.expectedClass, actual: j.actualClass },
      opcodes,
      invocations: storeInvocations(invocations),
      raw: j.raw ?? null,
      ...(j.message ? { message: j.message } : {}),
      versions: { [x.runtime]: x.version },
    },
    repro: repro ? { [x.runtime]: repro } : {},
    versions: { [x.runtime]: x.version },
  };
  return { finding, occurrences: [at] };
}

/** The first invocation of the instance that invocation `i` runs on: the one after the oracle's last trap, exhaustion or uncaught exception before it. */
export function freshFrom(outcomes: readonly InvocationOutcome[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const o = outcomes[k];
    if (o?.kind === 'trap' || o?.kind === 'exhaustion' || o?.kind === 'exception') return k + 1;
  }
  return 0;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
