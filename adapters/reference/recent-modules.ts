// The modules an oracle thread decoded and validated lately, by their bytes
// and rules. A fuzz case runs on the oracle several times in a row (its own
// run, the reference runtime's, the other NaN and relaxed worlds), and
// decoding and validating it was about a fifth of a run: the later runs take
// the module as it was decoded, and skip validation once it has passed.
// A decoded module is not changed by instantiating or running it.
import type { Module } from '../../reference-runtime/syntax/module.js';

interface Recent {
  module: Module;
  /** validation passed (a module that failed it is not kept) */
  validated: boolean;
}

/** Modules kept: the runs of one case come one after another. */
const KEPT = 8;

const recent = new Map<string, Recent>();

function keyOf(bytes: Uint8Array, rules: string): string {
  return `${rules}:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')}`;
}

/** The module of these bytes decoded by these rules, from the last runs, or decoded now (decode may throw: nothing is kept then). */
export function recentModule(bytes: Uint8Array, rules: string, decode: () => Module): Recent {
  const key = keyOf(bytes, rules);
  let r = recent.get(key);
  if (r !== undefined) {
    recent.delete(key); // most recent last
  } else {
    r = { module: decode(), validated: false };
    if (recent.size >= KEPT) recent.delete(recent.keys().next().value!);
  }
  recent.set(key, r);
  return r;
}

/** Forgets a module whose validation failed, so that it is validated (and fails) again the next time. */
export function forgetModule(bytes: Uint8Array, rules: string): void {
  recent.delete(keyOf(bytes, rules));
}
