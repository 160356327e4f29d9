// Vector memory access (spec 4.4.7: v128.load, v128.loadNxM_sx,
// v128.loadN_splat, v128.loadN_zero, v128.loadN_lane, v128.store,
// v128.storeN_lane). `addr` is the effective address (base + offset, not
// wrapped to 32 bits). The bounds check covers the full width of the access
// and happens before any byte is read or written.
import { Trap } from '../../../errors.js';
import { A, R, type V128 } from './bytes.js';

function checkBounds(memory: Uint8Array, addr: number, size: number): void {
  if (addr < 0 || addr + size > memory.length) throw new Trap('out of bounds memory access');
}

/** `size` bytes of memory at `addr` in a fresh v128, the rest zero. */
function readBytes(memory: Uint8Array, addr: number, size: number): V128 {
  checkBounds(memory, addr, size);
  const r = new Uint8Array(16);
  r.set(memory.subarray(addr, addr + size));
  return r;
}

/** Sign- or zero-extends the low 8 bytes of `half`, read as lanes of `width` bits, into lanes twice as wide. */
function extendHalf(half: V128, width: 8 | 16 | 32, signed: boolean): V128 {
  A.load(half);
  if (width === 32) {
    const x = signed ? A.s32 : A.u32;
    R.s64[0] = BigInt(x[0]!);
    R.s64[1] = BigInt(x[1]!);
    return R.result();
  }
  const x = A.lanes(width, signed);
  const out = R.signed(width === 8 ? 16 : 32);
  for (let i = 0; i < out.length; i++) out[i] = x[i]!;
  return R.result();
}

/** The access size in bytes named by an op like "v128.load16_splat" or "v128.store32_lane". */
function sizeIn(op: string, pattern: RegExp): number {
  const m = pattern.exec(op);
  if (!m) throw new Error(`not a vector memory instruction: ${op}`);
  return Number(m[1]) / 8;
}

type Loader = (memory: Uint8Array, addr: number) => V128;

/** The loader for one vector load mnemonic, built from its name. */
function makeLoader(op: string): Loader {
  if (op === 'v128.load') return (memory, addr) => readBytes(memory, addr, 16);
  const ext = /^v128\.load(8|16|32)x\d_(s|u)$/.exec(op);
  if (ext) {
    const width = Number(ext[1]) as 8 | 16 | 32;
    const signed = ext[2] === 's';
    return (memory, addr) => extendHalf(readBytes(memory, addr, 8), width, signed);
  }
  if (op.endsWith('_zero')) {
    const size = sizeIn(op, /^v128\.load(32|64)_zero$/);
    return (memory, addr) => readBytes(memory, addr, size);
  }
  const size = sizeIn(op, /^v128\.load(8|16|32|64)_splat$/);
  return (memory, addr) => {
    const r = readBytes(memory, addr, size);
    for (let i = size; i < 16; i++) r[i] = r[i - size]!;
    return r;
  };
}

// Decoding a mnemonic once per distinct op keeps regular expressions off the execution path.
const loaders = new Map<string, Loader>();
const laneSizes = new Map<string, number>();

function laneSize(op: string, pattern: RegExp): number {
  let size = laneSizes.get(op);
  if (size === undefined) laneSizes.set(op, (size = sizeIn(op, pattern)));
  return size;
}

/** The v128 value loaded by a vector load instruction without a lane immediate. */
export function loadVector(op: string, memory: Uint8Array, addr: number): V128 {
  let load = loaders.get(op);
  if (load === undefined) loaders.set(op, (load = makeLoader(op)));
  return load(memory, addr);
}

/** v128.store: the 16 bytes of `v` at `addr`. */
export function storeVector(memory: Uint8Array, addr: number, v: V128): void {
  checkBounds(memory, addr, 16);
  memory.set(v, addr);
}

/** v128.loadN_lane: a copy of `v` whose lane `lane` (N bits wide) is read from memory. */
export function loadLane(op: string, memory: Uint8Array, addr: number, v: V128, lane: number): V128 {
  const size = laneSize(op, /^v128\.load(8|16|32|64)_lane$/);
  checkBounds(memory, addr, size);
  const r = new Uint8Array(v);
  r.set(memory.subarray(addr, addr + size), lane * size);
  return r;
}

/** v128.storeN_lane: writes lane `lane` (N bits wide) of `v` to memory. */
export function storeLane(op: string, memory: Uint8Array, addr: number, v: V128, lane: number): void {
  const size = laneSize(op, /^v128\.store(8|16|32|64)_lane$/);
  checkBounds(memory, addr, size);
  memory.set(v.subarray(lane * size, lane * size + size), addr);
}
