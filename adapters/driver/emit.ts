// The driver's one output routine, as a wasm function:
//   emit(prefix i32, value i64, ndigits i32, suffix i32)
// writes the byte `prefix` (unless 0), the low `ndigits` hex digits of `value`
// (most significant first, lowercase), then the byte `suffix` (unless 0), to
// stdout with WASI fd_write. It borrows the first SCRATCH_BYTES of the
// module's memory 0 for the iovec and the text, and puts back what was there,
// so the module's memory is unchanged by the instrumentation; or, where it
// cannot borrow (a 64-bit memory), through a memory 0 of the driver's own.
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { OpName } from '../../reference-runtime/syntax/opcodes.js';
import type { Func } from '../../reference-runtime/syntax/module.js';
import type { FuncType } from '../../reference-runtime/syntax/types.js';

/** iovec at 0 (8 bytes), nwritten at 8, text from 16: at most 1 + 16 + 1 bytes. */
export const SCRATCH_BYTES = 64;
const TEXT = 16;
const SAVED = SCRATCH_BYTES / 8;

export const EMIT_TYPE: FuncType = { params: ['i32', 'i64', 'i32', 'i32'], results: [] };
export const FD_WRITE_TYPE: FuncType = { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] };
export const PROC_EXIT_TYPE: FuncType = { params: ['i32'], results: [] };

// parameters, then locals: saved words, write pointer, digit
const PREFIX = 0, VALUE = 1, DIGITS = 2, SUFFIX = 3, SAVE0 = 4, P = SAVE0 + SAVED, D = P + 1;

const c32 = (n: number): Instr => instr('i32.const', { i32: n });
const get = (i: number): Instr => instr('local.get', { index: i });
const set = (i: number): Instr => instr('local.set', { index: i });
const mem = (op: OpName, offset: number, align: number): Instr => instr(op, { offset, align });
/** `mem[p] = byte; p++` for the byte on top of the stack held in local `byteLocal`. */
function putByte(byteLocal: number): Instr[] {
  return [get(P), get(byteLocal), mem('i32.store8', 0, 0), get(P), c32(1), instr('i32.add'), set(P)];
}

/** `borrowed`: memory 0 is the module's, so the scratch bytes are saved and put back. */
export function emitFunc(typeIndex: number, fdWrite: number, borrowed = true): Func {
  const save: Instr[] = [];
  const restore: Instr[] = [];
  for (let k = 0; borrowed && k < SAVED; k++) {
    save.push(c32(0), mem('i64.load', 8 * k, 3), set(SAVE0 + k));
    restore.push(c32(0), get(SAVE0 + k), mem('i64.store', 8 * k, 3));
  }
  const digitLoop: Instr[] = [
    get(DIGITS), instr('i32.eqz'), instr('br_if', { index: 1 }),
    get(DIGITS), c32(1), instr('i32.sub'), set(DIGITS),
    // d = (value >> 4*digits) & 15
    get(VALUE), get(DIGITS), instr('i64.extend_i32_u'), instr('i64.const', { i64: 2n }), instr('i64.shl'), instr('i64.shr_u'),
    instr('i32.wrap_i64'), c32(15), instr('i32.and'), set(D),
    // d < 10 ? '0' + d : 'a' + d - 10
    get(D), c32(48), instr('i32.add'), get(D), c32(87), instr('i32.add'), get(D), c32(10), instr('i32.lt_u'), instr('select'), set(D),
    ...putByte(D),
    instr('br', { index: 0 }),
  ];
  const body: Instr[] = [
    ...save,
    c32(TEXT), set(P),
    get(PREFIX), instr('if', { blockType: { kind: 'empty' }, body: putByte(PREFIX), elseBody: [] }),
    instr('block', { blockType: { kind: 'empty' }, body: [instr('loop', { blockType: { kind: 'empty' }, body: digitLoop })] }),
    get(SUFFIX), instr('if', { blockType: { kind: 'empty' }, body: putByte(SUFFIX), elseBody: [] }),
    // iovec { buf = TEXT, len = p - TEXT } at 0; fd_write(stdout, iovs = 0, 1, nwritten = 8)
    c32(0), c32(TEXT), mem('i32.store', 0, 2),
    c32(4), get(P), c32(TEXT), instr('i32.sub'), mem('i32.store', 0, 2),
    c32(1), c32(0), c32(1), c32(8), instr('call', { index: fdWrite }), instr('drop'),
    ...restore,
  ];
  return { type: typeIndex, locals: [...Array<'i64'>(SAVED).fill('i64'), 'i32', 'i32'], body };
}
