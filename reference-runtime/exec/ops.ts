// The one table of the numeric operations the interpreter runs inline: each
// row names an operation once, with its operand and result types and one
// semantic expression over its operands `a` and `b` (values as the slots
// hold them: i32 and f32 as JS numbers read through Int32Array and
// Float32Array views, i64 as BigInt, u64 an i64 read unsigned, f64 a number).
// gen-ops.ts generates from it:
//   - the loop's cases for every row and every fused form listed in FUSED
//     (the region of machine.ts between its GENERATED markers), and the codes
//     of those instructions (ops.generated.ts);
//   - the numerics library's functions for the same rows
//     (numerics/*.generated.ts), which the property tests check: what they
//     test is what runs.
// Run `npx tsx reference-runtime/exec/gen-ops.ts` after editing;
// ops.generated.test.ts fails while a generated file is stale.

export type ValueType = 'i32' | 'i64' | 'u64' | 'f32' | 'f64';

export interface OpRow {
  /** the interpreter instruction's name (ops.generated.ts), its fused forms add a suffix */
  name: string;
  /** the wasm mnemonic it executes */
  wasm: string;
  /** operand type; one operand when `expr` has no `b` */
  type: ValueType;
  /** result type: `bool` is an i32 0 or 1 (and a branch condition in the Br forms) */
  result: Exclude<ValueType, 'u64'> | 'bool';
  expr: string;
  /** [condition, trap message], checked in order before `expr` */
  traps?: readonly (readonly [string, string])[];
  /** a float result: NaN takes the spec's NaN rule (numerics/nan.ts) instead of the host's */
  nan?: boolean;
  /** a op b = b op a: the peephole pass may take a local.get before the other operand */
  commutative?: boolean;
  /** the comparison true exactly when this one is false (a branch on its i32.eqz) */
  negation?: string;
}

const DIVIDE_BY_ZERO = ['b === 0', 'integer divide by zero'] as const;

/**
 * The six comparisons of a type as rows: eq, ne, lt, gt, le, ge, and for an
 * integer type the signed (_s) and unsigned (_u, operands read as `unsigned`)
 * forms of the four orders.
 */
function compares(prefix: string, type: ValueType, unsigned?: ValueType): OpRow[] {
  const rows: OpRow[] = [];
  for (const [op, expr] of [['eq', '==='], ['ne', '!=='], ['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']] as const) {
    const row = (suffix: string, t: ValueType): OpRow => ({
      name: `${prefix}${op[0]!.toUpperCase()}${op[1]}${suffix.toUpperCase().replace('_', '')}`,
      wasm: `${type}.${op}${suffix}`,
      type: t,
      result: 'bool',
      expr: `a ${expr} b`,
      ...(op === 'eq' || op === 'ne' ? { commutative: true } : {}),
    });
    if (unsigned === undefined || op === 'eq' || op === 'ne') rows.push(row('', type));
    else rows.push(row('_s', type), row('_u', unsigned));
  }
  return rows;
}

/** and, or, xor: the same expression on either integer type. */
function logic(prefix: string, type: ValueType): OpRow[] {
  return ([['And', '&'], ['Or', '|'], ['Xor', '^']] as const).map(([op, expr]) => ({
    name: `${prefix}${op}`, wasm: `${type}.${op.toLowerCase()}`, type, result: type as 'i32' | 'i64', expr: `a ${expr} b`, commutative: true,
  }));
}

export const ROWS: readonly OpRow[] = [
  { name: 'I32Eqz', wasm: 'i32.eqz', type: 'i32', result: 'bool', expr: 'a === 0' },
  { name: 'I32Eq', wasm: 'i32.eq', type: 'i32', result: 'bool', expr: 'a === b', commutative: true, negation: 'I32Ne' },
  { name: 'I32Ne', wasm: 'i32.ne', type: 'i32', result: 'bool', expr: 'a !== b', commutative: true, negation: 'I32Eq' },
  { name: 'I32LtS', wasm: 'i32.lt_s', type: 'i32', result: 'bool', expr: 'a < b', negation: 'I32GeS' },
  { name: 'I32LtU', wasm: 'i32.lt_u', type: 'i32', result: 'bool', expr: 'a >>> 0 < b >>> 0', negation: 'I32GeU' },
  { name: 'I32GtS', wasm: 'i32.gt_s', type: 'i32', result: 'bool', expr: 'a > b', negation: 'I32LeS' },
  { name: 'I32GtU', wasm: 'i32.gt_u', type: 'i32', result: 'bool', expr: 'a >>> 0 > b >>> 0', negation: 'I32LeU' },
  { name: 'I32LeS', wasm: 'i32.le_s', type: 'i32', result: 'bool', expr: 'a <= b', negation: 'I32GtS' },
  { name: 'I32LeU', wasm: 'i32.le_u', type: 'i32', result: 'bool', expr: 'a >>> 0 <= b >>> 0', negation: 'I32GtU' },
  { name: 'I32GeS', wasm: 'i32.ge_s', type: 'i32', result: 'bool', expr: 'a >= b', negation: 'I32LtS' },
  { name: 'I32GeU', wasm: 'i32.ge_u', type: 'i32', result: 'bool', expr: 'a >>> 0 >= b >>> 0', negation: 'I32LtU' },
  { name: 'I32Clz', wasm: 'i32.clz', type: 'i32', result: 'i32', expr: 'Math.clz32(a)' },
  // a & -a isolates the lowest set bit; its position is 31 minus its clz
  { name: 'I32Ctz', wasm: 'i32.ctz', type: 'i32', result: 'i32', expr: 'a === 0 ? 32 : 31 - Math.clz32(a & -a)' },
  { name: 'I32Add', wasm: 'i32.add', type: 'i32', result: 'i32', expr: 'a + b', commutative: true },
  { name: 'I32Sub', wasm: 'i32.sub', type: 'i32', result: 'i32', expr: 'a - b' },
  { name: 'I32Mul', wasm: 'i32.mul', type: 'i32', result: 'i32', expr: 'Math.imul(a, b)', commutative: true },
  // Division in doubles is exact enough: a non-integral quotient of 32-bit operands lies at least
  // 1/|b| from an integer, far more than its rounding error, so truncation to int32 is the exact quotient.
  { name: 'I32DivS', wasm: 'i32.div_s', type: 'i32', result: 'i32', expr: 'a / b', traps: [DIVIDE_BY_ZERO, ['a === -0x80000000 && b === -1', 'integer overflow']] },
  { name: 'I32DivU', wasm: 'i32.div_u', type: 'i32', result: 'i32', expr: '(a >>> 0) / (b >>> 0)', traps: [DIVIDE_BY_ZERO] },
  // JS `%` on integers is exact and takes the dividend's sign, as rem_s does; truncation to int32 makes a -0 (MIN % -1) 0
  { name: 'I32RemS', wasm: 'i32.rem_s', type: 'i32', result: 'i32', expr: 'a % b', traps: [DIVIDE_BY_ZERO] },
  { name: 'I32RemU', wasm: 'i32.rem_u', type: 'i32', result: 'i32', expr: '(a >>> 0) % (b >>> 0)', traps: [DIVIDE_BY_ZERO] },
  ...logic('I32', 'i32'),
  // JS shifts take the count modulo 32, as wasm does (and -b is 32 - b modulo 32)
  { name: 'I32Shl', wasm: 'i32.shl', type: 'i32', result: 'i32', expr: 'a << b' },
  { name: 'I32ShrS', wasm: 'i32.shr_s', type: 'i32', result: 'i32', expr: 'a >> b' },
  { name: 'I32ShrU', wasm: 'i32.shr_u', type: 'i32', result: 'i32', expr: 'a >>> b' },
  { name: 'I32Rotl', wasm: 'i32.rotl', type: 'i32', result: 'i32', expr: '(a << b) | (a >>> -b)' },
  { name: 'I32Rotr', wasm: 'i32.rotr', type: 'i32', result: 'i32', expr: '(a >>> b) | (a << -b)' },
  { name: 'I32Extend8S', wasm: 'i32.extend8_s', type: 'i32', result: 'i32', expr: '(a << 24) >> 24' },
  { name: 'I32Extend16S', wasm: 'i32.extend16_s', type: 'i32', result: 'i32', expr: '(a << 16) >> 16' },
  // i64 as BigInt: a BigInt64Array store wraps to 64 bits, which V8 compiles to machine arithmetic
  { name: 'I64Eqz', wasm: 'i64.eqz', type: 'i64', result: 'bool', expr: 'a === 0n' },
  ...compares('I64', 'i64', 'u64'),
  ...logic('I64', 'i64'),
  { name: 'I64Add', wasm: 'i64.add', type: 'i64', result: 'i64', expr: 'a + b', commutative: true },
  { name: 'I64Sub', wasm: 'i64.sub', type: 'i64', result: 'i64', expr: 'a - b' },
  { name: 'I64Mul', wasm: 'i64.mul', type: 'i64', result: 'i64', expr: 'a * b', commutative: true },
  { name: 'I64Shl', wasm: 'i64.shl', type: 'i64', result: 'i64', expr: 'a << (b & 63n)' },
  { name: 'I64ShrS', wasm: 'i64.shr_s', type: 'i64', result: 'i64', expr: 'a >> (b & 63n)' },
  { name: 'I64ShrU', wasm: 'i64.shr_u', type: 'u64', result: 'i64', expr: 'a >> (b & 63n)' },
  { name: 'I64ExtendI32S', wasm: 'i64.extend_i32_s', type: 'i32', result: 'i64', expr: 'BigInt(a)' },
  { name: 'I64ExtendI32U', wasm: 'i64.extend_i32_u', type: 'i32', result: 'i64', expr: 'BigInt(a >>> 0)' },
  // f32 arithmetic in doubles, rounded once by the Float32Array store: exact for + - * /
  // (binary64 has p = 53 >= 2*24 + 2 bits; Figueroa 1995)
  ...compares('F32', 'f32'),
  { name: 'F32Add', wasm: 'f32.add', type: 'f32', result: 'f32', expr: 'a + b', nan: true },
  { name: 'F32Sub', wasm: 'f32.sub', type: 'f32', result: 'f32', expr: 'a - b', nan: true },
  { name: 'F32Mul', wasm: 'f32.mul', type: 'f32', result: 'f32', expr: 'a * b', nan: true },
  { name: 'F32Div', wasm: 'f32.div', type: 'f32', result: 'f32', expr: 'a / b', nan: true },
  ...compares('F64', 'f64'),
  { name: 'F64Add', wasm: 'f64.add', type: 'f64', result: 'f64', expr: 'a + b', nan: true },
  { name: 'F64Sub', wasm: 'f64.sub', type: 'f64', result: 'f64', expr: 'a - b', nan: true },
  { name: 'F64Mul', wasm: 'f64.mul', type: 'f64', result: 'f64', expr: 'a * b', nan: true },
  { name: 'F64Div', wasm: 'f64.div', type: 'f64', result: 'f64', expr: 'a / b', nan: true },
  { name: 'F64ConvertI32S', wasm: 'f64.convert_i32_s', type: 'i32', result: 'f64', expr: 'a' },
  { name: 'F64ConvertI32U', wasm: 'f64.convert_i32_u', type: 'i32', result: 'f64', expr: 'a >>> 0' },
];

/**
 * Where an operand comes from: L a local (immediate: its index), C an i32
 * constant (immediate: its bits), S the stack (the leftmost S is the deeper slot).
 */
export type Source = 'L' | 'C' | 'S';

/** Where the result goes: pushed, into a local (Set, Tee: immediate its index; Tee also pushes), or a branch taken when it is true (Br: immediate the target). */
export type Dest = '' | 'Set' | 'Tee' | 'Br';

/** One step of a fused instruction: a row with its operands' sources and its result's destination. */
export interface Step {
  row: string;
  sources: string;
  dest: Dest;
}

/** A fused instruction: steps run in order, each reading its immediates after the previous one's. */
export type Fused = readonly Step[];

const I32_BINARY = ['I32Add', 'I32Sub', 'I32Mul', 'I32And', 'I32Or', 'I32Xor', 'I32Shl', 'I32ShrS', 'I32ShrU'];
const I32_COMPARE = ['I32Eq', 'I32Ne', 'I32LtS', 'I32LtU', 'I32GtS', 'I32GtU', 'I32LeS', 'I32LeU', 'I32GeS', 'I32GeU'];
const F64_BINARY = ['F64Add', 'F64Sub', 'F64Mul', 'F64Div'];

const step = (row: string, sources: string, dest: Dest = ''): Step => ({ row, sources, dest });

/**
 * The fused instructions the peephole pass may emit (peephole.ts says when):
 * i32 arithmetic and compares with local and constant operands, compares
 * fused with their branch, results stored straight into a local, the f64
 * arithmetic of the numeric kernels, and the loop counter's increment and
 * test. Adding a form is a line here; the generator and the peephole pass
 * need nothing else (a chain of steps fuses when its name is listed).
 */
export const FUSED: readonly Fused[] = [
  ...[...I32_BINARY, ...I32_COMPARE].flatMap((r) => ['LL', 'LC', 'SC', 'SL'].map((s) => [step(r, s)])),
  ...I32_COMPARE.flatMap((r) => ['SS', 'LL', 'LC', 'SC'].map((s) => [step(r, s, 'Br')])),
  ...['I32Add', 'I32Sub'].flatMap((r) => [[step(r, 'LC', 'Set')], [step(r, 'LC', 'Tee')]]),
  [step('I32Add', 'SS', 'Set')],
  [step('I32Add', 'SL', 'Set')],
  ...F64_BINARY.flatMap((r) => ['LL', 'SL'].map((s) => [step(r, s)])),
  // from the pair profile of the corpus (small size): a sum kept in a local, the i64 mixing of hashes and bignums
  [step('I32Add', 'LL', 'Tee')],
  [step('I32Add', 'LL', 'Set')],
  ...['I64Add', 'I64Xor', 'I64Mul', 'I64And', 'I64Or'].flatMap((r) => ['LL', 'SL'].map((s) => [step(r, s)])),
  ...['I64Add', 'I64Xor', 'F64Add', 'F64Mul'].flatMap((r) => [[step(r, 'SS', 'Set')], [step(r, 'SS', 'Tee')]]),
  // x + i * stride, dot products
  [step('I32Mul', 'LL'), step('I32Add', 'SS')],
  // the loop counter: local d = local a + c, then compare d with a constant and branch
  ...['I32LtU', 'I32LtS', 'I32Ne'].map((r) => [step('I32Add', 'LC', 'Set'), step(r, 'LC', 'Br')]),
];

/** A step's instruction name: the row's, then its sources unless all come from the stack, then its destination. */
export function stepName(s: Step): string {
  return `${s.row}${/^S*$/.test(s.sources) ? '' : s.sources}${s.dest}`;
}

export function fusedName(f: Fused): string {
  return f.map(stepName).join('_');
}
