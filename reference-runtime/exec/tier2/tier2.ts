// Tier 2 of the reference interpreter: hot functions compiled to JavaScript
// (translate.ts), for speed. The interpreter stays the reference; both are
// cross-checked (tier2/*.test.ts, `npm run` scripts with WASMDIFF_TIER2=eager).
//
// When. A function is translated after HOT_CALLS calls into it, or from a
// loop head after HOT_LOOP entries of that loop (OSR: the running frame moves
// to JavaScript there, and returns from it). WASMDIFF_TIER2 chooses:
//   on     (default) as above;
//   off    never: the interpreter alone;
//   eager  every translatable function at its first call, and a frame the
//          interpreter runs anyway at its first loop head: what the suites'
//          cross-check runs;
//   osr    never at a call, always at a loop head, at its third entry (so
//          that a loop is entered with part of its work done): the OSR
//          path alone.
// A function an instance counts coverage for is never translated (the counts
// are the interpreter's), nor one tier 2 cannot keep exact (translate.ts).
//
// How the tiers meet. A tier 2 function runs frameless from the interpreter's
// view, as a host function does: the loop calls it with the arguments in the
// value stack and finds the result where a callee's would be. Tier 2 calls
// tier 2 directly, and anything else through `execute`. Depth and slots are
// counted as the interpreter counts them (translate.ts), so exhaustion comes
// at the same call. The JS stack is the one thing the interpreter does not
// use: tier 2 calls nest only while a budget of JS stack bytes lasts, and past
// it calls go through the interpreter, which needs none.
import { Exhaustion, Trap, UncaughtException } from '../../errors.js';
import type { ExnInstance } from '../../runtime/tag.js';
import type { FuncInstance, WasmFunc } from '../../runtime/func.js';
import { MAX_CALL_DEPTH, STACK_SLOTS } from '../../runtime/limits.js';
import { memoryGrow, memorySize } from '../bulk.js';
import type { Compiled } from '../compiled.js';
import type { CompileContext } from '../compile.js';
import { coverageOf } from '../coverage.js';
import { indirectCallee } from '../indirect-call.js';
import { execute, machine } from '../machine.js';
import { oob } from '../memory-access.js';
import { nan32, nan32of2, nan64, nan64of2 } from '../numerics/nan.js';
import { f32Bits, f32Value } from '../numerics/scratch.js';
import * as stack from '../stack.js';
import { kindOf, parts, slotReads, slotWrite, translate, Untranslatable, type Kind, type Translated } from './translate.js';
import { mulHiU } from './pairs.js';
import { popcnt } from '../numerics/i32.js';

export type Tier2Mode = 'off' | 'on' | 'eager' | 'osr';

/** A function in tier 2. */
export interface Tier2Code {
  /** from tier 2: (caller's depth, frame slot, JS budget left, ...arguments) => its result */
  call: (...args: any[]) => any;
  /** from the interpreter: arguments in the slots from `at`, the result left in slot `at` */
  enter: (d: number, fp: number, at: number, js: number) => void;
  /** JS stack bytes its frame may take (an estimate with room to spare) */
  weight: number;
}

// Measured on the corpus at the small size (bench/oracle-vs-wamr.ts, and the
// execute phase of single runs): with 200 calls and 500 loop entries, sort
// took longer than the interpreter alone, and 20 and 50 were still slower
// than 2 and 20 on sort, hashtable, crc32 and memops. Translation is cheap
// (a function in well under a millisecond), interpretation is not, and V8
// itself tiers the JavaScript up. The spec suites are no slower for it.
const HOT_CALLS = 2;
/** Words of interpreter code that add one call to a function's heat (initialHeat). */
const WORDS_PER_CALL = 200;
const HOT_LOOP = 20;
/** A countdown that never runs out in practice (and is reset if it does). */
const NEVER = 0x3fffffff;

function modeOf(value: string | undefined): Tier2Mode {
  if (value === undefined || value === '') return 'on';
  if (value === 'off' || value === 'on' || value === 'eager' || value === 'osr') return value;
  throw new Error(`WASMDIFF_TIER2 must be off, on, eager or osr, not ${value}`);
}

/** The mode; functions compiled for the interpreter read it when they are compiled. */
export const tier2 = { mode: modeOf(process.env.WASMDIFF_TIER2) };

/** Runs `run` with tier 2 in `mode`, then back in the mode before (the tests' way to compare the tiers). */
export function underMode<T>(mode: Tier2Mode, run: () => T): T {
  const before = tier2.mode;
  tier2.mode = mode;
  try {
    return run();
  } finally {
    tier2.mode = before;
  }
}

/** Translations made, and refused (translate.ts' Untranslatable), since the process started: what tests check ran. */
export const stats = { functions: 0, loops: 0, refused: 0 };

/**
 * Calls into a function of `size` words of interpreter code before it is
 * translated (Compiled.heat starts here). In mode `on` a big function waits
 * for more calls: translating it and having V8 compile the JavaScript costs
 * in proportion to its size, and a big function called a few times is
 * mostly one that runs a short path of itself each time (a C library's
 * malloc or printf, some 150 KB of JavaScript, is in every corpus program).
 * Its hot loops still move to tier 2 on their own (OSR).
 */
export function initialHeat(size: number): number {
  return tier2.mode === 'on' ? HOT_CALLS + Math.floor(size / WORDS_PER_CALL) : tier2.mode === 'eager' ? 1 : NEVER;
}

/** Entries into a loop before its frame moves to tier 2; undefined: no loop heads are compiled. */
export function loopHeat(counting: boolean): number | undefined {
  if (counting || tier2.mode === 'off') return undefined;
  return tier2.mode === 'on' ? HOT_LOOP : tier2.mode === 'osr' ? 3 : 1;
}

/**
 * JS stack bytes tier 2 may still use: Node's main thread has about 1 MB,
 * and the harness' and the interpreter's own frames need some of it.
 */
export const budget = { left: 400_000 };
/** What a nested `execute` takes of it. */
const EXECUTE_WEIGHT = 4_000;

const owners = new WeakMap<Int32Array, WasmFunc>();
const contexts = new WeakMap<Compiled, CompileContext>();

/** Called by machine.ts once `f` is compiled for the interpreter. */
export function register(f: WasmFunc, c: Compiled, ctx: CompileContext): void {
  owners.set(c.code, f);
  contexts.set(c, ctx);
}

// What the generated code reads besides its constants (translate.ts writes the names).
const NAMES = ['Trap', 'Exhaustion', 'MAX_CALL_DEPTH', 'STACK_SLOTS', 'f32Value', 'f32Bits', 'nan32', 'nan32of2', 'nan64', 'nan64of2', 'oob', 'indirectCallee', 'callSlow', 'memorySize', 'memoryGrow', 'MULHU', 'POPCNT', 'R', 'I32', 'F64', 'K', 'KD', 'M', 'INST'];

/** Where a tier 2 function that returns one i64 leaves its high word (translate.ts), for its caller to read at once. */
const R = new Int32Array(1);

function build(f: WasmFunc, t: Translated): (...args: any[]) => any {
  const runtime = [Trap, Exhaustion, MAX_CALL_DEPTH, STACK_SLOTS, f32Value, f32Bits, nan32, nan32of2, nan64, nan64of2, oob, indirectCallee, callSlow, memorySize, memoryGrow, mulHiU, popcnt, R, stack.I32, stack.F64];
  return new Function(...NAMES, t.source)(...runtime, t.consts, new Float64Array(BigInt64Array.from(t.nans, (b) => BigInt.asIntN(64, b)).buffer), f.instance.mems[0], f.instance) as (...args: any[]) => any;
}

function weightOf(t: Translated): number {
  return 600 + 24 * t.vars;
}

/**
 * Statements that leave the results of a call in the slots from `at`: one is
 * the value `r` it returned; several it left in the slots from its frame's
 * `fp` (translate.ts), moved as words, top first (a tail call's `at` lies
 * above its `fp`).
 */
function resultWrites(results: Kind[]): string {
  // an i64's high word comes in R[0] (translate.ts' returnStatement)
  if (results.length === 1) return `${results[0] === 'l' ? `const ${parts('l', 'r')[1]} = R[0]; ` : ''}${slotWrite(results[0]!, 'at', 'r')}`;
  if (results.length === 0) return '';
  return `if (fp !== at) for (let i = ${results.length * 4 - 1}; i >= 0; i--) I32[(at << 2) + i] = I32[(fp << 2) + i];`;
}

/** The adapter the interpreter calls: arguments from slots, the results back into the slots from `at`. */
function adapter(call: (...args: any[]) => any, params: Kind[], results: Kind[]): Tier2Code['enter'] {
  const args = params.flatMap((k, i) => slotReads(k, `at + ${i}`).map((x) => `, ${x}`)).join('');
  const body = `const r = call(d, fp, js${args}); ${resultWrites(results)}`;
  return new Function('call', 'R', 'I32', 'F64', `return function (d, fp, at, js) { ${body} };`)(call, R, stack.I32, stack.F64);
}

/** The OSR adapter: the frame at fp runs to its end, its results back into the slots from fp. */
function loopAdapter(run: (...args: any[]) => any, results: Kind[]): (d: number, fp: number, js: number) => void {
  const body = `const at = fp; const r = run(d, fp, js); ${resultWrites(results)}`;
  return new Function('run', 'R', 'I32', 'F64', `return function (d, fp, js) { ${body} };`)(run, R, stack.I32, stack.F64);
}

/**
 * Translates `f` if its time has come (its heat ran out): true when it is in
 * tier 2 and may be entered now, with the JS stack budget as it stands.
 */
export function promote(f: WasmFunc, c: Compiled): boolean {
  c.heat = NEVER;
  const ctx = contexts.get(c);
  if (tier2.mode === 'off' || tier2.mode === 'osr' || ctx === undefined || coverageOf(f.instance) !== undefined) return false;
  const t = attempt(() => translate(f.code, f.type, f.instance, ctx, c.maxHeight));
  if (t === undefined) return false;
  const call = build(f, t);
  stats.functions++;
  c.tier2 = { call, enter: adapter(call, f.type.params.map(kindOf), f.type.results.map(kindOf)), weight: weightOf(t) };
  return budget.left > c.tier2.weight;
}

function attempt(run: () => Translated): Translated | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof Untranslatable)) throw e;
    stats.refused++;
    return undefined;
  }
}

/**
 * Runs tier 2 function `c` for the interpreter: `d` the depth below its
 * frame, `fp` its frame's slot, arguments from slot `at`, where the result
 * goes. A wasm exception that no frame above caught is returned, for the
 * interpreter's handlers below; null otherwise.
 */
export function callTier2(c: Tier2Code, d: number, fp: number, at: number): ExnInstance | null {
  try {
    c.enter(d, fp, at, budget.left - c.weight);
    return null;
  } catch (e) {
    if (e instanceof UncaughtException) return e.exn;
    throw e;
  }
}

/** OSR translations, by the code of the interpreter's function and loop (null: untranslatable). */
const osrCode = new WeakMap<Int32Array, Map<number, { enter: (d: number, fp: number, js: number) => void; weight: number } | null>>();

/**
 * At a loop head whose heat ran out: moves the interpreter's frame at `fp`
 * (depth `depth`, running `code`, at the loop `loop` of its Compiled.loops)
 * to tier 2, which runs it to its return and leaves its results from slot fp.
 * Returns how many it left; undefined when tier 2 cannot take the frame (the
 * loop stays in the interpreter); a wasm exception that no frame above caught.
 */
export function enterLoop(code: Int32Array, loop: number, depth: number, fp: number): number | ExnInstance | undefined {
  const f = owners.get(code);
  const c = f?.compiled;
  const ctx = c === undefined ? undefined : contexts.get(c);
  if (f === undefined || c === undefined || ctx === undefined || coverageOf(f.instance) !== undefined) return undefined;
  // a function hot in a loop is hot: its next call starts in tier 2 (a recursive one's, above this frame, too);
  // not translated now, as most such frames are a program's main loop and never called again
  if (c.tier2 === null && c.heat !== NEVER) c.heat = 1;
  let byLoop = osrCode.get(code);
  if (byLoop === undefined) osrCode.set(code, (byLoop = new Map()));
  let entry = byLoop.get(loop);
  if (entry === undefined) {
    const t = attempt(() => translate(f.code, f.type, f.instance, ctx, c.maxHeight, c.loops[loop]));
    if (t === undefined) entry = null;
    else {
      stats.loops++;
      entry = { enter: loopAdapter(build(f, t), f.type.results.map(kindOf)), weight: weightOf(t) };
    }
    byLoop.set(loop, entry);
  }
  if (entry === null || budget.left <= entry.weight) return undefined;
  try {
    entry.enter(depth - 1, fp, budget.left - entry.weight);
    return f.type.results.length;
  } catch (e) {
    if (e instanceof UncaughtException) return e.exn;
    throw e;
  }
}

/**
 * A call from tier 2 of a function it does not call directly: through the
 * interpreter, the arguments in the slots below `top`, at call depth `depth`,
 * with the JS stack budget the caller had left.
 */
function callSlow(g: FuncInstance, depth: number, top: number, js: number): void {
  const sp = machine.sp;
  const d = machine.depth;
  const left = budget.left;
  machine.sp = top;
  machine.depth = depth;
  budget.left = js - EXECUTE_WEIGHT;
  try {
    execute(g);
  } finally {
    machine.sp = sp;
    machine.depth = d;
    budget.left = left;
  }
}
