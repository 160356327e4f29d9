// The global parameters of relaxed SIMD (Wasm 3.0 numerics, "Relaxed
// Operations"). The spec makes each relaxed operator's result set depend on
// a parameter R that an implementation fixes once for every execution: an
// index into a list of allowed result sets, where index 0 is the
// deterministic profile. The spec has nine: R_fmadd, R_fmin, R_fmax, R_idot,
// R_iq15mulr, R_trunc_u, R_trunc_s, R_swizzle, R_laneselect (f32 and f64
// lanes share one, as do the four truncations of each signedness).
//
// The oracle runs with one `profile` (an alternative per parameter, default
// all 0) and records in `hits` which parameters an execution actually
// consulted: only an operand in an operator's implementation-dependent clause
// consults its parameter, so an execution that never reaches one is the same
// under every profile. exec/invoke.ts re-runs an invocation under the other
// alternatives of the parameters it hit.

/** The spec's parameters, in a fixed order: a profile is one alternative index per entry. */
export const RELAXED_PARAMS = [
  { name: 'fmadd', choices: 2 },
  { name: 'fmin', choices: 4 },
  { name: 'fmax', choices: 4 },
  { name: 'idot', choices: 2 },
  { name: 'iq15mulr', choices: 2 },
  { name: 'trunc_u', choices: 4 },
  { name: 'trunc_s', choices: 2 },
  { name: 'swizzle', choices: 2 },
  { name: 'laneselect', choices: 2 },
] as const;

export type RelaxedParam = (typeof RELAXED_PARAMS)[number]['name'];

/** Index of each parameter in a profile and bit of it in `hits`. */
export const P = Object.fromEntries(RELAXED_PARAMS.map((p, i) => [p.name, i])) as Record<RelaxedParam, number>;

/**
 * The profile the numerics run under, the parameters consulted since `hits`
 * was last cleared (bit i = parameter i), and whether any relaxed SIMD code
 * has been seen in this process (until then an invocation skips looking for
 * it beyond the instances it imports from: exec/invoke.ts).
 */
export const relaxed = {
  profile: new Uint8Array(RELAXED_PARAMS.length),
  hits: 0,
  codeSeen: false,
};

/** The alternative of parameter `p` in force; marks `p` as consulted. */
export function choose(p: number): number {
  relaxed.hits |= 1 << p;
  return relaxed.profile[p]!;
}

/** A profile as a readable record, e.g. { fmin: 2 } (parameters at 0 left out). */
export function describeProfile(profile: ArrayLike<number>): Partial<Record<RelaxedParam, number>> {
  const out: Partial<Record<RelaxedParam, number>> = {};
  RELAXED_PARAMS.forEach((p, i) => {
    if (profile[i] !== 0) out[p.name] = profile[i]!;
  });
  return out;
}
