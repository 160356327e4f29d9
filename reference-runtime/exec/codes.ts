// The interpreter's own instruction set: what `compile.ts` emits into a flat
// Int32Array and `machine.ts` dispatches on. It differs from the wasm opcode
// table on purpose: structured control is lowered to jumps with resolved
// targets, typed variants exist per slot kind (32-bit, 64-bit, v128, ref),
// and ops that are no-ops on the slot layout (i32.wrap_i64, reinterprets)
// disappear. A const enum, so the compiled loop switches on literals. The
// numeric instructions follow these codes, generated from ops.ts.

export const enum Op {
  // control: immediates in brackets
  Unreachable,
  Jmp, // [target]
  BrIf, // [target]
  BrUnless, // [target]
  Br, // [target, height, arity]: move the top `arity` slots down to fp+height
  BrIfAdj, // [target, height, arity]
  BrTable, // [count, (target, height, arity) * (count + 1)]
  Return, // [arity]
  Call, // [func index]
  CallIndirect, // [type index, table index]; table index -1: call_ref, the callee is the function reference on top
  // tail calls: the callee's frame replaces the caller's; always followed by
  // a Return [arity], which only a host callee (called, then returned from) reaches
  ReturnCall, // [func index]
  ReturnCallIndirect, // [type index, table index]; table index -1: return_call_ref
  // exception handling: a thrown exception is caught through the function's
  // handler table (compiled.ts), which the loop only reads when one is thrown
  Throw, // [tag index]
  ThrowRef,
  Unwind, // never emitted: machine.ts runs it from its UNWIND code to search for a handler
  // parametric
  Drop,
  Select, // generic: copies a whole slot
  // variables, typed by slot kind
  LocalGet32, // [local]
  LocalGet64,
  LocalGetV,
  LocalGetRef,
  LocalSet32,
  LocalSet64,
  LocalSetV,
  LocalSetRef,
  LocalTee32,
  LocalTee64,
  LocalTeeV,
  LocalTeeRef,
  GlobalGet32, // [global]
  GlobalGet64,
  GlobalGetV,
  GlobalGetRef,
  GlobalSet32,
  GlobalSet64,
  GlobalSetV,
  GlobalSetRef,
  // constants
  Const32, // [bits]
  Const64, // [lo, hi]
  ConstV, // [w0, w1, w2, w3]
  RefNull,
  RefIsNull,
  RefFunc, // [func]
  // tables and bulk memory (helpers in bulk.ts)
  // (64-bit tables and memories: address operands and results are i64, read from the instance's type)
  TableGet, // [table]
  TableSet,
  TableSize,
  TableGrow,
  TableFill,
  TableCopy, // [dst, src]
  TableInit, // [elem, table]
  ElemDrop, // [elem]
  Index64, // an i64 table index on top becomes a u32 one, saturated (out of bounds of every table here)
  MemorySize, // [memory]
  MemoryGrow, // [memory]
  MemoryFill, // [memory]
  MemoryCopy, // [dst, src]
  MemoryInit, // [data, memory]
  DataDrop, // [data]
  // typed function references and GC (3.0). The branches run in the loop;
  // the rest, from RefAsNonNull to ArrayInitElem, are its default case and
  // run in gc.ts (so the loop's code stays as it was for 2.0).
  // Heap types are coded as in runtime/ref-type.ts (a TypeId, or an abstract type as a negative number).
  JmpNonNull, // [target]: a non-null reference on top stays, and jumps; a null one is popped (br_on_null's branch follows)
  JmpNull, // [target]: a null reference on top is popped, and jumps (br_on_non_null's branch follows)
  JmpUnlessCast, // [target, heap, nullable]: jumps when the reference on top does not match (br_on_cast's branch follows)
  JmpIfCast, // [target, heap, nullable]: jumps when it matches (br_on_cast_fail's branch follows)
  RefAsNonNull,
  RefEq,
  RefTest, // [heap, nullable]
  RefCast, // [heap, nullable]
  RefI31,
  I31GetS,
  I31GetU,
  StructNew, // [type id]
  StructNewDefault, // [type id]
  StructGet, // [slot kind, entry, signed]
  StructSet, // [slot kind, entry]
  ArrayNew, // [type id]
  ArrayNewDefault, // [type id]
  ArrayNewFixed, // [type id, count]
  ArrayNewData, // [type id, data]
  ArrayNewElem, // [type id, elem]
  ArrayGet, // [slot kind, signed]
  ArraySet, // [slot kind]
  ArrayLen,
  ArrayFill, // [slot kind]
  ArrayCopy, // [slot kind]
  ArrayInitData, // [slot kind, data]
  ArrayInitElem, // [elem]
  // loads and stores: [offset]; f32 and the low word of i64 share the 32-bit forms
  Load32,
  Load64,
  Load8S,
  Load8U,
  Load16S,
  Load16U,
  Load64_8S,
  Load64_8U,
  Load64_16S,
  Load64_16U,
  Load64_32S,
  Load64_32U,
  LoadV,
  Store32,
  Store64,
  Store8,
  Store16,
  StoreV,
  VecLoad, // [offset, entry]: the SIMD library's other loads
  VecLoadLane, // [offset, entry, lane]
  VecStoreLane, // [offset, entry, lane]
  // (the forms above: memory 0 with i32 addresses only)
  MemAccess, // [entry]: any load or store on any memory, either address type (memory-access.ts)
  // (the numeric instructions the loop runs inline, and their fused forms, are generated: ops.ts, ops.generated.ts)
  // everything else: [entry] into the numerics call table
  Numeric,
  Lane, // [entry, lane]: extract_lane / replace_lane
  Shuffle, // [entry]: the 16 lane indices live in the entry
  Load32L, // [local, offset]: i32.load / f32.load of a local's address
  Store32LL, // [address local, value local, offset]
  // counting mode only (coverage.ts): before each wasm instruction, [counter index];
  // before one with a signature, CountOperands [entry], which classifies its operands too (operand-coverage.ts)
  Count,
  CountOperands,
  // with tier 2 only (tier2/tier2.ts): at each loop's head, [entries left before tier 2 takes the frame, loop index]
  LoopHead,
  /** the first code of the generated instructions (ops.generated.ts) */
  Generated,
}
