// What invoking an export ends in, in the form the interpreter's tests compare:
// its results, or a string naming how it ended otherwise. Any other error is
// the interpreter's own failure and is thrown on.
import { Exhaustion, invoke, Trap, UncaughtException, type ModuleInstance, type Value } from '../api.js';

export const i32 = (value: number): Value => ({ type: 'i32', value });
export const i64 = (value: bigint): Value => ({ type: 'i64', value });

/** The results, or `exception`, `trap: <message>` or `exhaustion: <message>`. */
export function invokeOutcome(inst: ModuleInstance, name: string, args: Value[] = []): Value[] | string {
  try {
    return invoke(inst, name, args).values;
  } catch (e) {
    if (e instanceof UncaughtException) return 'exception';
    if (e instanceof Trap) return `trap: ${e.message}`;
    if (e instanceof Exhaustion) return `exhaustion: ${e.message}`;
    throw e;
  }
}
