// Exploring the relaxed SIMD profiles of one invocation (exec/invoke.ts): the
// call is re-run from the state it started in under every combination of
// alternatives of the relaxed parameters it reached (numerics/v128/
// relaxed-profile.ts), growing that set when another profile reaches more,
// and each profile's outcome is kept: its results or the wasm error it threw.
import type { WasmError } from '../errors.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { I31Ref } from '../runtime/i31.js';
import { refOf, showValue, type Value } from '../runtime/values.js';
import { captureState, restoreState, type InstanceState } from './instance-state.js';
import { RELAXED_PARAMS, describeProfile, relaxed, type RelaxedParam } from './numerics/v128/relaxed-profile.js';

/** What one relaxed profile gave: results, or the wasm error (Trap, Exhaustion, UncaughtException) it threw. */
export interface ProfileOutcome {
  /** the parameters set to other than 0 (an empty record is the deterministic profile) */
  profile: Partial<Record<RelaxedParam, number>>;
  values?: Value[];
  error?: WasmError;
}

/** One run: its results, or the wasm error it threw. */
export type Outcome = { values?: Value[]; error?: WasmError };

/**
 * Re-runs a call (`rerun`) from state `before` under every combination of
 * alternatives of the relaxed parameters reached (`hits`, by the run that
 * gave `first` under the deterministic profile), until no run reaches a new
 * one; leaves the state the deterministic run left. The outcomes, the
 * deterministic profile's first.
 */
export function exploreProfiles(rerun: () => Outcome, instances: Iterable<ModuleInstance>, before: InstanceState, first: Outcome, hits: number): ProfileOutcome[] {
  const after = captureState(instances);
  const done = new Map<string, ProfileOutcome>([[profileKey(relaxed.profile), profileOutcome(relaxed.profile, first)]]);
  let reached = hits;
  let covered = 0;
  try {
    while (reached !== covered) {
      covered = reached;
      for (const profile of combinations(covered)) {
        const key = profileKey(profile);
        if (done.has(key)) continue;
        restoreState(before);
        relaxed.profile.set(profile);
        relaxed.hits = 0;
        done.set(key, profileOutcome(profile, rerun()));
        reached |= relaxed.hits;
      }
    }
  } finally {
    relaxed.profile.fill(0);
    restoreState(after);
  }
  return [...done.values()];
}

/** Every profile whose parameters outside `mask` are 0. */
function combinations(mask: number): Uint8Array[] {
  let out = [new Uint8Array(RELAXED_PARAMS.length)];
  RELAXED_PARAMS.forEach((p, i) => {
    if ((mask & (1 << i)) === 0) return;
    out = out.flatMap((base) =>
      Array.from({ length: p.choices }, (_, alt) => {
        const next = base.slice();
        next[i] = alt;
        return next;
      }),
    );
  });
  return out;
}

function profileKey(profile: ArrayLike<number>): string {
  return Array.from(profile).join('');
}

function profileOutcome(profile: ArrayLike<number>, o: Outcome): ProfileOutcome {
  const p: ProfileOutcome = { profile: describeProfile(profile) };
  if (o.error !== undefined) p.error = o.error;
  else p.values = o.values!;
  return p;
}

// Identity of references inside keys: the same object gets the same number.
const refIds = new WeakMap<object, number>();
let nextRefId = 0;

/** Exact bits for numbers and vectors (showValue), object identity for references (an i31 by its value, as ref.eq compares it). */
function valueKey(v: Value): string {
  const ref = refOf(v);
  if (ref === null || ref instanceof I31Ref) return showValue(v);
  if (typeof ref !== 'object' && typeof ref !== 'function') return `${v.type}:${typeof ref}:${String(ref)}`;
  let id = refIds.get(ref as object);
  if (id === undefined) refIds.set(ref as object, (id = nextRefId++));
  return `${v.type}:#${id}`;
}

export function vectorKey(values: Value[]): string {
  return values.map(valueKey).join(' ');
}

export function outcomeKey(p: ProfileOutcome): string {
  return p.error !== undefined ? `error:${p.error.name}:${p.error.message}` : vectorKey(p.values!);
}
