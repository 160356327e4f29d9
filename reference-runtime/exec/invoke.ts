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
import { Exhaustion } from '../errors.js';
import type { FuncInstance } from '../runtime/func.js';
import { growth } from '../runtime/growth.js';
import { readCell, writeCell } from '../runtime/cell.js';
import type { Value } from '../runtime/values.js';
import { execute, machine } from './machine.js';
import { nondeterminism } from './numerics/nan.js';
import { I32, REFS } from './stack.js';

export type Allowed = { kind: 'exact' } | { kind: 'nan:canonical' } | { kind: 'nan:arithmetic' };

export interface InvokeResult {
  values: Value[];
  /** true when the spec allows other results than `values` */
  nondeterministic: boolean;
  /** per result: which values the spec allows */
  allowed: Allowed[];
  /** why the call was nondeterministic: a NaN was chosen, or a grow could have gone either way */
  reasons: ('nan' | 'grow')[];
}

/** Calls `f` with `args` (checked against its type); traps propagate as `Trap`, deep recursion as `Exhaustion`. */
export function invokeFunction(f: FuncInstance, args: Value[]): InvokeResult {
  const params = f.type.params;
  if (args.length !== params.length || args.some((a, i) => a.type !== params[i])) {
    throw new TypeError(`wrong arguments: expected (${params.join(' ')}), got (${args.map((a) => a.type).join(' ')})`);
  }
  const base = machine.sp;
  const depth = machine.depth;
  const nans = nondeterminism.nans;
  const grows = growth.choices;
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
    const values = f.type.results.map((t, i) => readCell(t, I32, REFS[at + i], (at + i) << 2));
    const reasons: ('nan' | 'grow')[] = [];
    if (nondeterminism.nans !== nans) reasons.push('nan');
    if (growth.choices !== grows) reasons.push('grow');
    const allowed = values.map((v) => (reasons.includes('nan') ? allowedFloat(v) : EXACT));
    return { values, nondeterministic: reasons.length > 0, allowed, reasons };
  } finally {
    machine.sp = base;
    machine.depth = depth;
  }
}

const EXACT: Allowed = { kind: 'exact' };

function allowedFloat(v: Value): Allowed {
  if (v.type === 'f32') {
    const mag = v.bits & 0x7fffffff;
    if (mag <= 0x7f800000 || (mag & 0x00400000) === 0) return EXACT;
    return { kind: mag === 0x7fc00000 ? 'nan:canonical' : 'nan:arithmetic' };
  }
  if (v.type === 'f64') {
    const mag = v.bits & 0x7fff_ffff_ffff_ffffn;
    if (mag <= 0x7ff0_0000_0000_0000n || (mag & 0x0008_0000_0000_0000n) === 0n) return EXACT;
    return { kind: mag === 0x7ff8_0000_0000_0000n ? 'nan:canonical' : 'nan:arithmetic' };
  }
  return EXACT;
}
