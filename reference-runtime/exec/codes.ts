// The interpreter's own instruction set: what `compile.ts` emits into a flat
// Int32Array and `machine.ts` dispatches on. It differs from the wasm opcode
// table on purpose: structured control is lowered to jumps with resolved
// targets, typed variants exist per slot kind (32-bit, 64-bit, v128, ref),
// and ops that are no-ops on the slot layout (i32.wrap_i64, reinterprets)
// disappear. A const enum, so the compiled loop switches on literals.

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
  // i32
  I32Eqz,
  I32Eq,
  I32Ne,
  I32LtS,
  I32LtU,
  I32GtS,
  I32GtU,
  I32LeS,
  I32LeU,
  I32GeS,
  I32GeU,
  I32Clz,
  I32Ctz,
  I32Add,
  I32Sub,
  I32Mul,
  I32DivS,
  I32DivU,
  I32RemS,
  I32RemU,
  I32And,
  I32Or,
  I32Xor,
  I32Shl,
  I32ShrS,
  I32ShrU,
  I32Rotl,
  I32Rotr,
  I32Extend8S,
  I32Extend16S,
  // i64
  I64Eqz,
  I64Eq,
  I64Ne,
  I64LtS,
  I64LtU,
  I64GtS,
  I64GtU,
  I64LeS,
  I64LeU,
  I64GeS,
  I64GeU,
  I64Add,
  I64Sub,
  I64Mul,
  I64And,
  I64Or,
  I64Xor,
  I64Shl,
  I64ShrS,
  I64ShrU,
  I64ExtendI32S,
  I64ExtendI32U,
  // floats (NaN results go to the numerics library)
  F32Eq,
  F32Ne,
  F32Lt,
  F32Gt,
  F32Le,
  F32Ge,
  F64Eq,
  F64Ne,
  F64Lt,
  F64Gt,
  F64Le,
  F64Ge,
  F32Add,
  F32Sub,
  F32Mul,
  F32Div,
  F64Add,
  F64Sub,
  F64Mul,
  F64Div,
  F64ConvertI32S,
  F64ConvertI32U,
  // everything else: [entry] into the numerics call table
  Numeric,
  Lane, // [entry, lane]: extract_lane / replace_lane
  Shuffle, // [entry]: the 16 lane indices live in the entry
  Load32L, // [local, offset]: i32.load / f32.load of a local's address
  Store32LL, // [address local, value local, offset]
  Load32ShlLC, // [local, shift, offset]: i32.load of (local << shift), the a[i] of a static array
  I32AddSet, // [local]: i32.add of the two stack tops into a local (the sum += ... of loops)
  I32AddSLSet, // [b, d]: local d = stack top + local b
  I32MulLLAdd, // [a, b]: stack top + local a * local b (x + i * stride, dot products)
  IncBrLtU, // [a, c, d, k, target]: local d = local a + c; branch if d < k (unsigned)
  IncBrLtS, // [a, c, d, k, target]: the same, signed
  IncBrNe, // [a, c, d, k, target]: the same, branch if d != k
  // fused instructions (superinstructions), emitted by the peephole pass in compile.ts; see fused.ts
  I32AddLL,
  I32AddLC,
  I32AddSC,
  I32AddSL,
  I32AddLCSet,
  I32AddLCTee,
  I32SubLL,
  I32SubLC,
  I32SubSC,
  I32SubSL,
  I32SubLCSet,
  I32SubLCTee,
  I32MulLL,
  I32MulLC,
  I32MulSC,
  I32MulSL,
  I32AndLL,
  I32AndLC,
  I32AndSC,
  I32AndSL,
  I32OrLL,
  I32OrLC,
  I32OrSC,
  I32OrSL,
  I32XorLL,
  I32XorLC,
  I32XorSC,
  I32XorSL,
  I32ShlLL,
  I32ShlLC,
  I32ShlSC,
  I32ShlSL,
  I32ShrSLL,
  I32ShrSLC,
  I32ShrSSC,
  I32ShrSSL,
  I32ShrULL,
  I32ShrULC,
  I32ShrUSC,
  I32ShrUSL,
  I32EqLL,
  I32EqLC,
  I32EqSC,
  I32EqSL,
  BrIfEq,
  BrIfLLEq,
  BrIfLCEq,
  BrIfSCEq,
  I32NeLL,
  I32NeLC,
  I32NeSC,
  I32NeSL,
  BrIfNe,
  BrIfLLNe,
  BrIfLCNe,
  BrIfSCNe,
  I32LtSLL,
  I32LtSLC,
  I32LtSSC,
  I32LtSSL,
  BrIfLtS,
  BrIfLLLtS,
  BrIfLCLtS,
  BrIfSCLtS,
  I32LtULL,
  I32LtULC,
  I32LtUSC,
  I32LtUSL,
  BrIfLtU,
  BrIfLLLtU,
  BrIfLCLtU,
  BrIfSCLtU,
  I32GtSLL,
  I32GtSLC,
  I32GtSSC,
  I32GtSSL,
  BrIfGtS,
  BrIfLLGtS,
  BrIfLCGtS,
  BrIfSCGtS,
  I32GtULL,
  I32GtULC,
  I32GtUSC,
  I32GtUSL,
  BrIfGtU,
  BrIfLLGtU,
  BrIfLCGtU,
  BrIfSCGtU,
  I32LeSLL,
  I32LeSLC,
  I32LeSSC,
  I32LeSSL,
  BrIfLeS,
  BrIfLLLeS,
  BrIfLCLeS,
  BrIfSCLeS,
  I32LeULL,
  I32LeULC,
  I32LeUSC,
  I32LeUSL,
  BrIfLeU,
  BrIfLLLeU,
  BrIfLCLeU,
  BrIfSCLeU,
  I32GeSLL,
  I32GeSLC,
  I32GeSSC,
  I32GeSSL,
  BrIfGeS,
  BrIfLLGeS,
  BrIfLCGeS,
  BrIfSCGeS,
  I32GeULL,
  I32GeULC,
  I32GeUSC,
  I32GeUSL,
  BrIfGeU,
  BrIfLLGeU,
  BrIfLCGeU,
  BrIfSCGeU,
  F64AddLL,
  F64AddSL,
  F64SubLL,
  F64SubSL,
  F64MulLL,
  F64MulSL,
  F64DivLL,
  F64DivSL,
  // counting mode only (coverage.ts): before each wasm instruction, [counter index]
  Count,
}
