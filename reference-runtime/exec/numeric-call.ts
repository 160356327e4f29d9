// The slow path for numeric and vector instructions the loop does not inline:
// each becomes an entry (function + operand/result kinds from the opcode
// table's signature), and `callNumeric` moves operands off the value stack in
// the numerics library's conventions (i32 and f32 bits as int32 numbers, i64
// as BigInt, f64 as a number read through a Float64Array, v128 as a fresh
// Uint8Array) and writes the result back.
import { EntryTable } from './entry-table.js';
import { opInfo } from '../syntax/opcodes.js';
import { NUMERIC_OPS } from './numerics/index.js';
import { RELAXED_OPS, V128_OPS, extractLane, relaxed, loadLane, loadVector, replaceLane, shuffle, storeLane } from './numerics/v128.js';
import { F64, I32, I64, U8 } from './stack.js';

type Fn = (...args: any[]) => any;

export interface NumericEntry {
  name: string;
  fn: Fn;
  /** operand kinds, one letter each as in opcodes.ts: i l f d v */
  params: string;
  /** result kind letter, or '' */
  result: string;
}

/** All entries ever created, addressed by the index the compiled code carries. */
const table = new EntryTable<NumericEntry>();
export const entries = table.entries;

function entry(name: string, fn: Fn): number {
  return table.index(name, () => {
    const sig = opInfo(name)?.sig;
    if (sig === undefined) throw new Error(`no signature for ${name}`);
    const [params, result] = sig.split('>') as [string, string];
    return { name, fn, params, result };
  });
}

/**
 * The entry of a numeric or vector instruction without immediates, or
 * undefined if the libraries lack it. Relaxed SIMD instructions read the
 * relaxed profile in force when they run (numerics/v128/relaxed-profile.ts).
 */
export function numericEntry(name: string): number | undefined {
  const fn = (NUMERIC_OPS as Record<string, Fn>)[name] ?? (V128_OPS as Record<string, Fn>)[name] ?? RELAXED_OPS[name];
  if (RELAXED_OPS[name] !== undefined) relaxed.codeSeen = true;
  return fn === undefined ? undefined : entry(name, fn);
}

/** extract_lane / replace_lane: the lane immediate is the last argument. */
export function laneEntry(name: string): number {
  return entry(name, name.includes('extract') ? (v: Uint8Array, lane: number) => extractLane(name, v, lane) : (v: Uint8Array, x: unknown, lane: number) => replaceLane(name, v, lane, x as number));
}

const shuffles: Uint8Array[] = [];

/** i8x16.shuffle with its lane indices: each distinct use gets an entry of its own. */
export function shuffleEntry(lanes: Uint8Array): number {
  const fixed = new Uint8Array(lanes);
  shuffles.push(fixed);
  const i = entries.push({ name: 'i8x16.shuffle', fn: (a: Uint8Array, b: Uint8Array) => shuffle(a, b, fixed), params: 'vv', result: 'v' }) - 1;
  return i;
}

export type MemFn = (memory: Uint8Array, addr: number, v: Uint8Array, lane: number) => Uint8Array | void;
export const memEntries: MemFn[] = [];

/** Vector loads other than v128.load, and the lane loads and stores. */
export function vectorMemEntry(name: string): number {
  let fn: MemFn;
  if (name.endsWith('_lane')) {
    fn = name.startsWith('v128.load') ? (m, a, v, l) => loadLane(name, m, a, v, l) : (m, a, v, l) => storeLane(name, m, a, v, l);
  } else {
    fn = (m, a) => loadVector(name, m, a);
  }
  return memEntries.push(fn) - 1;
}

function read(kind: string, slot: number): unknown {
  switch (kind) {
    case 'i':
    case 'f':
      return I32[slot << 2];
    case 'l':
      return I64[slot << 1];
    case 'd':
      return F64[slot << 1];
    default:
      return U8.slice(slot << 4, (slot << 4) + 16);
  }
}

export function write(kind: string, slot: number, x: unknown): void {
  switch (kind) {
    case 'i':
    case 'f':
      I32[slot << 2] = x as number;
      return;
    case 'l':
      I64[slot << 1] = x as bigint;
      return;
    case 'd':
      F64[slot << 1] = x as number;
      return;
    default:
      U8.set(x as Uint8Array, slot << 4);
  }
}

/** Applies entry `e` to the operands on top of the stack (top at sp-1); returns the new sp. */
export function callNumeric(e: NumericEntry, sp: number, extra?: number): number {
  const n = e.params.length;
  const base = sp - n;
  let r: unknown;
  if (n === 1) r = extra === undefined ? e.fn(read(e.params[0]!, base)) : e.fn(read(e.params[0]!, base), extra);
  else if (n === 2) r = extra === undefined ? e.fn(read(e.params[0]!, base), read(e.params[1]!, base + 1)) : e.fn(read(e.params[0]!, base), read(e.params[1]!, base + 1), extra);
  else r = e.fn(read(e.params[0]!, base), read(e.params[1]!, base + 1), read(e.params[2]!, base + 2));
  if (e.result === '') return base;
  write(e.result, base, r);
  return base + 1;
}
