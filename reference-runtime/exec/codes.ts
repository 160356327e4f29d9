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
  CallIndirect, // [type index, table index]
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
  TableGet, // [table]
  TableSet,
  TableSize,
  TableGrow,
  TableFill,
  TableCopy, // [dst, src]
  TableInit, // [elem, table]
  ElemDrop, // [elem]
  MemorySize,
  MemoryGrow,
  MemoryFill,
  MemoryCopy,
  MemoryInit, // [data]
  DataDrop, // [data]
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
  // fused instructions, emitted by the peephole pass in compile.ts
  LocalGet32Const32Add, // [local, value]
  LocalGet32x2, // [local a, local b]
}
