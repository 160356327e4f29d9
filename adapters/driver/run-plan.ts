// Runs a plan through a driver module on some runtime, following the plan
// semantics of plan.ts: the runtime supplies only "run this driver from
// invocation k" (DriverRunner) and its message table; this file turns the
// driver's output and how each run ended into the plan's outcomes. Every
// command-line adapter and the V8 adapters share it.
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { notRun, type Invocation, type InvocationOutcome, type ModuleVerdict, type Plan, type RawOutput, type RunOutcome } from '../plan.js';
import type { ProcessResult } from '../process.js';
import { outcomeTypes, type Resolved } from '../resolve.js';
import { classifyMessage, isTrapKind, type MessageTable } from '../trap-kinds.js';
import { driverImage, driverInvocations, whyNoDriver } from './build-driver.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { readDriverOutput } from './read-output.js';
import { channelType } from './ref-projection.js';

/** One run of a driver (or of the bare module): what it printed and how it ended. */
export interface Segment {
  /** Standard output: the driver's lines, and whatever else the runtime printed there. */
  stdout: string;
  end:
    | { kind: 'exit'; code: number }
    | { kind: 'signal'; signal: string }
    | { kind: 'timeout' }
    /** stopped by a limit the harness set: memory (prlimit) or output size */
    | { kind: 'resource'; message: string }
    /** an in-process engine threw (name: CompileError, LinkError, RuntimeError, RangeError, ...) */
    | { kind: 'error'; name: string; message: string };
  /** Text that explains a failure (stderr, or the thrown message). */
  errorText: string;
  raw: RawOutput;
}

export interface DriverRunner {
  /** Short id used in outcomes. */
  id: string;
  /** The runtime's wording -> taxonomy. */
  messages: MessageTable;
  /**
   * Runs the driver for invocations `from`.. (`driverFor(k)` gives the bytes
   * of the driver starting at k). A command-line runner returns the one
   * segment of its one process; an in-process runner may itself continue on
   * a fresh instance after a trap (at the invocation after the stopped one)
   * and return every segment, in order.
   */
  runDriver(driverFor: (from: number) => Uint8Array, from: number, timeoutMs: number): Promise<Segment[]>;
  /** Loads and instantiates the bare module (no driver): the verdict when no driver can be built. */
  runModule(module: Uint8Array, timeoutMs: number): Promise<Segment>;
  /**
   * Runs several drivers in one process, in order, when the runtime can:
   * one segment per driver that started, in order (the last one ends as the
   * process did; a driver that trapped stops the ones after it, which are
   * left out). None started: the process failed before the first (a module
   * failed to load or instantiate), and the caller runs them one at a time.
   */
  runDrivers?(drivers: readonly Uint8Array[], timeoutMs: number): Promise<Segment[]>;
  /**
   * Processes the runner has started so far (a server counts once, when it
   * starts). Absent: every run is taken to start one process.
   */
  processesStarted?(): number;
}

export function segmentFromProcess(r: ProcessResult): Segment {
  const raw: RawOutput = { stdout: excerpt(r.stdout), stderr: excerpt(r.stderr), exitCode: r.exitCode, signal: r.signal };
  const end: Segment['end'] =
    limitEnd(r) ??
    (r.signal !== undefined
      ? { kind: 'signal', signal: r.signal }
      : r.exitCode !== undefined
        ? { kind: 'exit', code: r.exitCode }
        : { kind: 'error', name: 'SpawnError', message: r.spawnError ?? 'did not run' });
  return { stdout: r.stdout, end, errorText: r.stderr, raw };
}

/** How a process ended when a harness limit (time, output, memory) ended it; undefined otherwise. */
export function limitEnd(r: ProcessResult): Segment['end'] | undefined {
  if (r.timedOut) return { kind: 'timeout' };
  if (r.truncated) return { kind: 'resource', message: 'output limit exceeded' };
  if (r.outOfMemory) return { kind: 'resource', message: `memory limit exceeded (${r.signal ?? `exit ${r.exitCode}`})` };
  return undefined;
}

export function excerpt(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max / 2)}\n[... ${text.length - max} bytes ...]\n${text.slice(-max / 2)}`;
}

/** Why a module must be judged without a driver, or undefined when a driver can run it. */
function bareRoute(module: Module): string | undefined {
  try {
    validateModule(module);
  } catch (e) {
    if (e instanceof ValidationError) return `the reference validator rejects the module (${e.message})`;
    throw e;
  }
  const unsupported = whyNoDriver(module);
  return unsupported === undefined ? undefined : `no driver can be built (${unsupported})`;
}

/** What a plan needs before any runtime runs it: the same for every runtime, so worked out once. */
type Prepared =
  | { kind: 'undecodable'; reason: string }
  | { kind: 'bare'; reason: string }
  | { kind: 'driver'; module: Module; resolved: Resolved[]; driverFor: (from: number) => Uint8Array };

/** By module bytes, for the invocations they were prepared with (a spec unit runs on every runtime with the same two arrays). */
const preparedPlans = new WeakMap<Uint8Array, { invocations: readonly Invocation[]; prepared: Prepared }>();

function prepare(plan: Plan): Prepared {
  const known = preparedPlans.get(plan.module);
  if (known !== undefined && known.invocations === plan.invocations) return known.prepared;
  const prepared = prepareAnew(plan);
  preparedPlans.set(plan.module, { invocations: plan.invocations, prepared });
  return prepared;
}

function prepareAnew(plan: Plan): Prepared {
  let module: Module;
  try {
    module = decodeModule(plan.module);
  } catch (e) {
    return { kind: 'undecodable', reason: `the reference decoder rejects the module (${(e as Error).message}): no driver` };
  }
  // The driver adds imports, functions, globals and perhaps a memory, which
  // can turn an invalid module into a valid one (a `call N` past the end now
  // reaches a driver function). So a module the reference validator rejects
  // is judged by the runtime on its bare bytes, as is one no driver can be
  // built for. The verdict is always the runtime's own; the reference only
  // picks the route.
  const bare = bareRoute(module);
  if (bare !== undefined) return { kind: 'bare', reason: `driver: ${bare}; the module was judged on its bare bytes` };
  const invocations = driverInvocations(module, plan.invocations);
  return { kind: 'driver', module, resolved: invocations.map((inv) => inv.resolved), driverFor: driverImage(module, invocations) };
}

export async function runDriverPlan(plan: Plan, runner: DriverRunner, timeoutMs: number): Promise<RunOutcome> {
  const before = runner.processesStarted?.();
  const outcome = await runPlan(plan, runner, timeoutMs);
  return before === undefined ? outcome : { ...outcome, processes: runner.processesStarted!() - before };
}

/**
 * Several plans, with the drivers of many run by one process where the
 * runner can (DriverRunner.runDrivers): each plan's outcomes are exactly
 * what runDriverPlan gives it. A plan whose run stopped (a trap) goes on from
 * its next invocation in the next batch, with the plans that had not started.
 * A batch that started none of its plans (a module in it failed to load or
 * instantiate, which stops the whole process) is tried again at half the
 * size, down to one plan run on its own; one cut short by a trap makes the
 * next as big as the part that started (plans that trap often are batched
 * little); a batch that ran whole lets the next grow again.
 */
export async function runDriverPlans(plans: readonly Plan[], runner: DriverRunner, timeoutMs: number): Promise<RunOutcome[]> {
  const outcomes: (RunOutcome | undefined)[] = plans.map(() => undefined);
  const batchable: { i: number; progress: DriverProgress; driverFor: (from: number) => Uint8Array }[] = [];
  for (const [i, plan] of plans.entries()) {
    const prepared = prepare(plan);
    if (runner.runDrivers === undefined || prepared.kind !== 'driver') outcomes[i] = await runDriverPlan(plan, runner, timeoutMs);
    else batchable.push({ i, progress: new DriverProgress(plan, prepared, runner.messages), driverFor: prepared.driverFor });
  }
  let pending = batchable;
  let size = MAX_BATCH;
  while (pending.length > 0) {
    const batch = pending.slice(0, size);
    const before = runner.processesStarted?.();
    if (batch.length === 1) {
      const { progress, driverFor } = batch[0]!;
      progress.take(await runner.runDriver(driverFor, progress.next()!, timeoutMs));
    } else {
      const started = await runner.runDrivers!(batch.map((b) => b.progress.bytes()), timeoutMs);
      started.forEach((seg, k) => batch[k]!.progress.take([seg]));
      // a trap stops the drivers after it, which the next batch compiles again: as many as got to start this time
      size = started.length === 0 ? Math.ceil(batch.length / 2) : started.length < batch.length ? started.length : Math.min(MAX_BATCH, 2 * size);
    }
    batch[0]!.progress.processes += before === undefined ? 1 : runner.processesStarted!() - before;
    pending = pending.filter((b) => !b.progress.done);
  }
  for (const b of batchable) outcomes[b.i] = b.progress.result(runner.id);
  return outcomes as RunOutcome[];
}

/** Plans per batch process: enough to spread a process start over many modules, few enough that one failure costs little. */
const MAX_BATCH = 32;

async function runPlan(plan: Plan, runner: DriverRunner, timeoutMs: number): Promise<RunOutcome> {
  const n = plan.invocations.length;
  const prepared = prepare(plan);
  if (prepared.kind !== 'driver') {
    // no driver: the runtime judges the bare bytes
    const seg = await runner.runModule(plan.module, timeoutMs);
    const verdict = failed(seg) ? moduleVerdict(seg, runner.messages) : ({ kind: 'ok' } as const);
    return { adapter: runner.id, verdict, invocations: notRun(n, prepared.reason), processes: 1 };
  }
  const progress = new DriverProgress(plan, prepared, runner.messages);
  for (let from = progress.next(); from !== undefined; from = progress.next()) {
    progress.take(await runner.runDriver(prepared.driverFor, from, timeoutMs));
    progress.processes++;
  }
  return progress.result(runner.id);
}

/**
 * One plan's way through its driver: fed the segments of each run of the
 * driver (from the invocation `next()` says), it works out the verdict and
 * each invocation's outcome, and when the plan is done.
 */
class DriverProgress {
  private readonly outcomes: (InvocationOutcome | undefined)[];
  private verdict: ModuleVerdict | undefined;
  private from = 0;
  done = false;
  processes = 0;

  constructor(
    private readonly plan: Plan,
    private readonly prepared: Extract<Prepared, { kind: 'driver' }>,
    private readonly messages: MessageTable,
  ) {
    this.outcomes = prepared.resolved.map((r) => (r.ok ? undefined : { kind: 'not-run', reason: r.reason }));
  }

  /** The invocation the next run starts at; undefined once the plan is done. */
  next(): number | undefined {
    return this.done ? undefined : this.from;
  }

  /** The driver's bytes for the next run. */
  bytes(): Uint8Array {
    return this.prepared.driverFor(this.from);
  }

  /** The segments of one run of the driver, in order. */
  take(segments: readonly Segment[]): void {
    const n = this.plan.invocations.length;
    for (const seg of segments) {
      const out = readDriverOutput(seg.stdout, this.resultTypes);
      for (const [i, values] of out.results) this.outcomes[i] = { kind: 'values', values };
      if (out.finished) {
        this.verdict ??= { kind: 'ok' };
        return this.finish();
      }
      if (!out.started) {
        if (this.verdict === undefined) {
          this.verdict = moduleVerdict(seg, this.messages);
          this.fill(0, `module verdict: ${this.verdict.kind}`);
        } else {
          this.fill(this.from, `a fresh instance failed: ${firstLine(seg.errorText) || seg.end.kind}`);
        }
        return this.finish();
      }
      this.verdict ??= { kind: 'ok' };
      const stopped = out.stopped ?? nextUnrun(this.outcomes, this.from);
      if (stopped === undefined) return this.finish();
      const outcome = stoppedOutcome(seg, out.other, this.messages, out.stopped === undefined);
      this.outcomes[stopped] = outcome;
      if (outcome.kind === 'timeout' || outcome.kind === 'crash' || outcome.kind === 'resource') {
        this.fill(stopped + 1, `after the ${outcome.kind} of invocation ${stopped}`);
        return this.finish();
      }
      this.from = stopped + 1;
    }
    if (this.from >= n) this.finish();
  }

  result(adapter: string): RunOutcome {
    this.fill(0, 'not reached');
    return { adapter, verdict: this.verdict ?? { kind: 'ok' }, invocations: this.outcomes as InvocationOutcome[], processes: this.processes };
  }

  // a reference is read back as the top of its hierarchy (an anyref as its projection)
  private readonly resultTypes = (i: number) => {
    const r = this.prepared.resolved[i];
    return r?.ok ? outcomeTypes(r).map((t) => channelType(this.prepared.module, t)) : undefined;
  };

  private fill(from: number, reason: string): void {
    for (let i = from; i < this.outcomes.length; i++) this.outcomes[i] ??= { kind: 'not-run', reason };
  }

  private finish(): void {
    this.done = true;
  }
}

function failed(seg: Segment): boolean {
  return !(seg.end.kind === 'exit' && seg.end.code === 0);
}

function nextUnrun(outcomes: (InvocationOutcome | undefined)[], from: number): number | undefined {
  for (let i = from; i < outcomes.length; i++) if (outcomes[i] === undefined) return i;
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

function explanation(seg: Segment, other: readonly string[] = []): string {
  return [seg.errorText, ...other].filter((t) => t.trim() !== '').join('\n').trim();
}

/**
 * Wordings of a process that died abnormally, whatever its exit status: a
 * Rust panic, a C++ abort, a failed assertion, a sanitizer. Checked before
 * the message table, whose trap words a panic message may contain.
 */
const ABNORMAL: readonly RegExp[] = [
  /panicked at/,
  /fatal runtime error/,
  /terminate called after throwing/,
  /Assertion .* failed/,
  /Segmentation fault/,
  /stack smashing detected/,
  /double free or corruption/,
  /AddressSanitizer|UndefinedBehaviorSanitizer/,
];
/** Rust's exit status after a panic. */
const RUST_PANIC_EXIT = 101;

/** Why a segment is a crash (a signal, a panic, an abort), or undefined when it ended as a program may. */
export function abnormalEnd(seg: Segment, message: string): string | undefined {
  if (seg.end.kind === 'signal') return `killed by ${seg.end.signal}`;
  const line = message.split('\n').find((l) => ABNORMAL.some((re) => re.test(l)));
  if (line !== undefined) return line.trim();
  if (seg.end.kind === 'exit' && seg.end.code === RUST_PANIC_EXIT) return `exit ${RUST_PANIC_EXIT} (a Rust panic)${message ? `: ${firstLine(message)}` : ''}`;
  if (seg.end.kind === 'error' && !IN_PROCESS_ERRORS.has(seg.end.name)) return `${seg.end.name}: ${seg.end.message}`;
  return undefined;
}

/** What an in-process engine throws for a module or a call (TypeError: an import object V8 cannot use); anything else is the engine failing. */
const IN_PROCESS_ERRORS = new Set(['CompileError', 'LinkError', 'RuntimeError', 'RangeError', 'TypeError', 'WebAssembly.Exception']);

/** Why the module never ran an invocation. */
export function moduleVerdict(seg: Segment, table: MessageTable): ModuleVerdict {
  const message = explanation(seg, readDriverOutput(seg.stdout, () => undefined).other);
  if (seg.end.kind === 'timeout') return { kind: 'timeout', message: 'timed out before the first invocation', raw: seg.raw };
  if (seg.end.kind === 'resource') return { kind: 'resource', message: seg.end.message, raw: seg.raw };
  const abnormal = abnormalEnd(seg, message);
  if (abnormal !== undefined) return { kind: 'crash', message: abnormal, raw: seg.raw };
  const c = classifyMessage(table, message);
  if (c === 'malformed' || c === 'invalid' || c === 'unlinkable' || c === 'rejected') return { kind: c, message };
  if (isTrapKind(c)) return { kind: 'uninstantiable', message, trap: c };
  // the start function threw an exception no one caught
  if (c === 'uncaught exception') return { kind: 'uninstantiable', message };
  if (seg.end.kind === 'error' && seg.end.name === 'RuntimeError') return { kind: 'uninstantiable', message };
  if (seg.end.kind === 'exit' && seg.end.code === 0) return { kind: 'crash', message: 'the driver wrote nothing', raw: seg.raw };
  // an error exit with no message is not a runtime saying it rejects the module
  if (message === '') return { kind: 'crash', message: `exit ${seg.end.kind === 'exit' ? seg.end.code : seg.end.kind} without a message`, raw: seg.raw };
  return { kind: 'rejected', message };
}

/** What happened to the invocation whose marker has no results. */
function stoppedOutcome(seg: Segment, other: readonly string[], table: MessageTable, betweenCalls: boolean): InvocationOutcome {
  if (seg.end.kind === 'timeout') return { kind: 'timeout', raw: seg.raw };
  if (seg.end.kind === 'resource') return { kind: 'resource', message: seg.end.message, raw: seg.raw };
  const message = explanation(seg, other);
  const abnormal = abnormalEnd(seg, message);
  if (abnormal !== undefined) return { kind: 'crash', message: abnormal, raw: seg.raw };
  if (betweenCalls) return { kind: 'crash', message: `the driver's output ended early${message ? `: ${message}` : ''}`, raw: seg.raw };
  const c = classifyMessage(table, message);
  if (c === 'call stack exhausted') return { kind: 'exhaustion', message, raw: seg.raw };
  if (c === 'uncaught exception') return { kind: 'exception', message, raw: seg.raw };
  if (isTrapKind(c)) return { kind: 'trap', trap: c, message, raw: seg.raw };
  // a runtime that compiles or validates a function when it is first called, and refuses it
  if (c === 'malformed' || c === 'invalid' || c === 'rejected') return { kind: 'rejected', message, raw: seg.raw };
  // stopped with an error the table does not classify: a trap in words the adapter does not know
  return { kind: 'trap', trap: 'unknown', message: message || `exit ${seg.end.kind === 'exit' ? seg.end.code : seg.end.kind} without a message`, raw: seg.raw };
}
