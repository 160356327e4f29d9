// Whether a runtime's trap is an accepted report of the trap the spec asks
// for: the same kind, or a wording of the runtime's that names both kinds
// (each adapter's AmbiguousWording rows, kept beside its message table).
// Matched by the runtime's message, never by kind alone: V8 words an integer
// overflow and an invalid conversion alike, but that excuses neither for the
// other when its message says which it was.
import type { TrapKind } from '../reference-runtime/errors.js';
import type { AmbiguousWording } from './trap-kinds.js';
import { V8_AMBIGUOUS } from './v8/messages.js';
import { WASMTIME_AMBIGUOUS } from './wasmtime/messages.js';

export const AMBIGUOUS_WORDINGS: readonly AmbiguousWording[] = [...V8_AMBIGUOUS, ...WASMTIME_AMBIGUOUS];

export function trapAccepted(want: TrapKind, got: TrapKind, message: string): boolean {
  if (want === got) return true;
  const lower = message.toLowerCase();
  return AMBIGUOUS_WORDINGS.some(([needle, kinds]) => lower.includes(needle.toLowerCase()) && kinds.includes(want) && kinds.includes(got));
}
