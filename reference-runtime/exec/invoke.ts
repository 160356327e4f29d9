// Invoking a function instance from the host (spec 4.5.5), and the set of
// results the spec allows for that invocation.
//
// Allowed results. The numerics library picks one NaN where the spec allows
// a set, and counts every such pick in `nondeterminism.nans`; memory.grow and
// table.grow count their choices in `growth.choices`. If neither counter moved
// during the call, every result is exact. Otherwise, for each float result:
//  - a NaN with the quiet bit clear cannot come from a NaN-producing operation
//    (those always return arithmetic NaNs), so it is exact;
//  - a canonical NaN: the library returns a canonical NaN only when every NaN
//    operand was canonical, which is exactly when the spec's set is the
//    canonical NaNs, so `nan:canonical` (either sign). One known imprecision:
//    f32.demote_f64 of a non-canonical NaN whose upper payload bits are zero
//    also yields the canonical pattern, where the spec would allow any
//    arithmetic NaN;
//  - any other arithmetic NaN: `nan:arithmetic`.
// Integer and v128 results that depend on a chosen NaN (through reinterpret or
// lane moves) or on a grow choice are not described lane by lane: the
// `nondeterministic` flag (with its reasons) tells a comparator not to demand
// exact equality for them.
//
// Relaxed SIMD. The spec's relaxed parameters are fixed per implementation
// (numerics/v128/relaxed-profile.ts); the call first runs under the
// deterministic profile (every parameter 0), which gives `values`. If it
// reached an implementation-dependent clause, it is re-run from the same
// state under every combination of alternatives of the parameters reached,
// growing the set if another profile reaches more (exec/relaxed-explore.ts).
// `alternatives` lists every distinct complete result vector, `values`
// first; `profiles` gives each profile's outcome, traps included; the reason
// 'relaxed' is given when the outcomes differ. The state the call leaves is
// the deterministic profile's. Limits:
//  - the state restored before each re-run is that of the instances the call
//    can reach (exec/instance-state.ts); a host function's own state is not
//    restored, and host functions run once per profile (so do coverage
//    counts);
//  - each invocation is explored on its own: a script's earlier invocations
//    left the deterministic profile's state, so an alternative is what that
//    profile would give from there, not what one implementation would give
//    from its own earlier results;
//  - relaxed code that is reached through a host function, or through a
//    shared table, global or argument before any relaxed code was compiled
//    or seen in this process, cannot be re-run (no state was captured
//    first): the call then reports the reason 'relaxed' with only its own
//    result;
//  - the alternatives hold the numerics library's NaN picks as `values`
//    does; `allowed` describes `values` only;
//  - a nested invocation (a host function calling back into wasm) runs under
//    the profile in force and is explored as part of the outer call.
import { Exhaustion, WasmError } from '../errors.js';
import type { FuncInstance } from '../runtime/func.js';
import { growth } from '../runtime/growth.js';
import { readCell, writeCell } from '../runtime/cell.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { allocation } from '../runtime/aggregate.js';
import { hasType, type Value } from '../runtime/values.js';
import { captureState, importsRelaxed, reachableInstances, runsRelaxed } from './instance-state.js';
import { execute, machine } from './machine.js';
import { isArithmeticNaN32, isArithmeticNaN64Bits, isCanonicalNaN32, isCanonicalNaN64Bits, nondeterminism } from './numerics/nan.js';
import { relaxed } from './numerics/v128/relaxed-profile.js';
import { exploreProfiles, outcomeKey, vectorKey, type Outcome, type ProfileOutcome } from './relaxed-explore.js';
import { I32, REFS, ensureStack, growRefs, releaseRefsAbove } from './stack.js';

export type { ProfileOutcome };

export type Allowed = { kind: 'exact' } | { kind: 'nan:canonical' } | { kind: 'nan:arithmetic' };

export type Reason = 'nan' | 'grow' | 'relaxed';

export interface InvokeResult {
  values: Value[];
  /** true when the spec allows other results than `values` */
  nondeterministic: boolean;
  /** per result: which values the spec allows */
  allowed: Allowed[];
  /** why the call was nondeterministic: a NaN was chosen, a grow could have gone either way, relaxed SIMD profiles differ */
  reasons: Reason[];
  /** every complete result vector the relaxed SIMD profiles give, `values` first */
  alternatives: Value[][];
  /** when the call reached a relaxed SIMD choice: the outcome under each profile explored, the deterministic one first */
  profiles?: ProfileOutcome[];
}

/** The profiles explored by a call whose deterministic run threw `e` (undefined if it reached no relaxed choice). */
export function relaxedOutcomesOf(e: unknown): ProfileOutcome[] | undefined {
  return typeof e === 'object' && e !== null ? thrownProfiles.get(e) : undefined;
}

const thrownProfiles = new WeakMap<object, ProfileOutcome[]>();

/** Nesting depth of invocations: only the outermost explores profiles. */
let active = 0;

/**
 * Calls `f` with `args` (checked against its type); traps propagate as `Trap`,
 * deep recursion and GC allocation beyond its budget as `Exhaustion`, an exception no handler caught as
 * `UncaughtException` (thrown by the machine as it leaves the outermost frame;
 * inside a host function called from wasm it passes on to the frames below).
 */
export function invokeFunction(f: FuncInstance, args: Value[]): InvokeResult {
  const params = f.type.params;
  if (args.length !== params.length || args.some((a, i) => !hasType(a, params[i]!))) {
    throw new TypeError(`wrong arguments: expected (${params.join(' ')}), got (${args.map((a) => a.type).join(' ')})`);
  }
  const nans = nondeterminism.nans;
  const grows = growth.choices;
  if (active > 0) {
    // nested: the profile in force, and the relaxed choices it reaches count for the outer call
    const values = outcomeOrThrow(run(f, args));
    return result(values, nondeterminism.nans !== nans, growth.choices !== grows ? ['grow'] : [], undefined);
  }
  active++;
  // each outermost invocation has the whole GC allocation budget (runtime/aggregate.ts)
  allocation.bytes = 0;
  try {
    const instances = mayRunRelaxed(f, args);
    const before = instances === undefined ? undefined : captureState(instances);
    relaxed.hits = 0;
    const first = run(f, args);
    const hits = relaxed.hits;
    const ownNan = nondeterminism.nans !== nans;
    const profiles = hits !== 0 && instances !== undefined && before !== undefined ? exploreProfiles(() => run(f, args), instances, before, first, hits) : undefined;
    // the call made GC objects: stale stack slots must not keep them alive
    if (allocation.bytes > 0) releaseRefsAbove(machine.sp);
    const reasons: Reason[] = [];
    if (nondeterminism.nans !== nans) reasons.push('nan');
    if (growth.choices !== grows) reasons.push('grow');
    if (hits !== 0 && (profiles === undefined || new Set(profiles.map(outcomeKey)).size > 1)) reasons.push('relaxed');
    if (first.error !== undefined) {
      if (profiles !== undefined) thrownProfiles.set(first.error, profiles);
      throw first.error;
    }
    return result(first.values!, ownNan, reasons, profiles);
  } finally {
    active--;
    relaxed.hits = 0;
  }
}

/**
 * The instances whose state to capture when `f` may run relaxed SIMD code,
 * else undefined. Cheap in the common case: the instances `f` imports from
 * are checked once per instance; the full walk (tables, globals, segments,
 * arguments) only happens once relaxed code has been seen in this process.
 */
function mayRunRelaxed(f: FuncInstance, args: Value[]): Set<ModuleInstance> | undefined {
  if (f.kind !== 'wasm') return undefined;
  if (!importsRelaxed(f.instance) && !relaxed.codeSeen) return undefined;
  const instances = reachableInstances(f, args);
  return runsRelaxed(instances) ? instances : undefined;
}

function outcomeOrThrow(o: Outcome): Value[] {
  if (o.error !== undefined) throw o.error;
  return o.values!;
}

function result(values: Value[], nan: boolean, reasons: Reason[], profiles: ProfileOutcome[] | undefined): InvokeResult {
  if (nan && !reasons.includes('nan')) reasons.push('nan');
  const allowed = values.map((v) => (nan ? allowedFloat(v) : EXACT));
  if (profiles === undefined) return { values, nondeterministic: reasons.length > 0, allowed, reasons, alternatives: [values] };
  const vectors = [values, ...profiles.flatMap((p) => (p.values === undefined ? [] : [p.values]))];
  const byKey = new Map<string, Value[]>();
  for (const v of vectors) if (!byKey.has(vectorKey(v))) byKey.set(vectorKey(v), v);
  const alternatives = [...byKey.values()];
  return { values, nondeterministic: reasons.length > 0, allowed, reasons, alternatives, profiles };
}

/** One run of `f` under the profile in force: its results, or the wasm error it threw (other errors propagate). */
function run(f: FuncInstance, args: Value[]): Outcome {
  const base = machine.sp;
  const depth = machine.depth;
  ensureStack();
  growRefs(base + args.length);
  try {
    args.forEach((a, i) => (REFS[base + i] = writeCell(a, I32, (base + i) << 2)));
    machine.sp = base + args.length;
    try {
      execute(f);
    } catch (e) {
      // a host function's own recursion can still overflow the JS stack
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw new Exhaustion();
      throw e;
    }
    const n = f.type.results.length;
    const at = machine.sp - n;
    return { values: f.type.results.map((t, i) => readCell(t, I32, REFS[at + i], (at + i) << 2)) };
  } catch (e) {
    if (e instanceof WasmError) return { error: e };
    throw e;
  } finally {
    machine.sp = base;
    machine.depth = depth;
  }
}

const EXACT: Allowed = { kind: 'exact' };

/** A quiet NaN the oracle chose stands for its whole class (nan.ts); anything else is exact. */
function allowedFloat(v: Value): Allowed {
  if (v.type === 'f32' && isArithmeticNaN32(v.bits)) return { kind: isCanonicalNaN32(v.bits) ? 'nan:canonical' : 'nan:arithmetic' };
  if (v.type === 'f64' && isArithmeticNaN64Bits(v.bits)) return { kind: isCanonicalNaN64Bits(v.bits) ? 'nan:canonical' : 'nan:arithmetic' };
  return EXACT;
}
