// The culprit of a divergence: the instruction, validation rule or NaN rule
// at fault, so that the same bug reached through different tests, arguments
// and generated modules is one cause.
//  - a NaN result outside the set the spec allows: the NaN rule broken
//    (spec 4.3.3), by the kind of operation that produced it (rounding,
//    min/max, arithmetic, conversion: scalar and vector alike), since one
//    engine quiets NaNs in one code path per kind: WAMR's unquieted rounding
//    is one cause over four instructions, two types and both engines, while
//    WasmEdge's unquieted rounding and its min/max passing a signalling NaN
//    through are two;
//  - a verdict: the spec's error message for the module (validation or
//    decoding rule), or for a valid module the runtime rejected, the
//    runtime's message with numbers and offsets taken out;
//  - an invocation: the code it runs (the exported function, direct callees
//    inlined where they are called) and in it the last instruction that can
//    give what was seen: a trap of the expected kind for a missing or wrong
//    trap, of the runtime's kind for an unexpected one; for a crash, a hang
//    or an exhaustion the last instruction beyond basic integer arithmetic,
//    or else a read of a reference-typed global; otherwise the last
//    instruction that computes something (not a local, a constant or
//    control flow).
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { globalTypes, type Module } from '../../reference-runtime/syntax/module.js';
import { isRefType } from '../../reference-runtime/syntax/types.js';

const TRIVIAL = /^(local\.(get|set|tee)|global\.get|[if](32|64)\.const|v128\.const|nop|drop|block|loop|if|else|end|br|br_if|br_table|return|call)$/;

/** Integer arithmetic and comparisons every engine runs the same way: rarely what crashes one. */
const BASIC = /^(i(32|64)\.(add|sub|mul|and|or|xor|eqz?|ne|shl|shr_[su]|rotl|rotr|[lg][te]_[su]|extend_i32_[su]|wrap_i64)|ref\.is_null|select)$/;

const TRAPPING: Record<string, RegExp> = {
  'integer divide by zero': /^i(32|64)\.(div|rem)_[su]$/,
  'integer overflow': /^i(32|64)\.(div_s|trunc_f(32|64)_[su])$/,
  'invalid conversion to integer': /^i(32|64)\.trunc_f(32|64)_[su]$/,
  'out of bounds memory access': /(\.load|\.store|^memory\.(fill|copy|init)$|^v128\.(load|store))/,
  'out of bounds table access': /^(table\.|call_indirect$|return_call_indirect$)/,
  'undefined element': /^(call_indirect|return_call_indirect)$/,
  'uninitialized element': /^(call_indirect|return_call_indirect)$/,
  'indirect call type mismatch': /^(call_indirect|return_call_indirect)$/,
  unreachable: /^unreachable$/,
  'null reference': /^(ref\.as_non_null|call_ref|return_call_ref|throw_ref|i31\.get_[su]|struct\.|array\.)/,
  'cast failure': /^ref\.cast$/,
  'out of bounds array access': /^array\./,
  'call stack exhausted': /call/,
};

export interface CulpritInput {
  kind: string;
  module?: Module;
  /** the invoked export, for an invocation's divergence */
  export?: string;
  expectedClass: string;
  actualClass: string;
  nanRule?: string;
  /** the spec's (or the oracle's) message for a module it rejects */
  rule?: string;
  /** the runtime's own message */
  message?: string;
}

export function culpritOf(x: CulpritInput): string {
  if (x.nanRule !== undefined) {
    const ops = x.export === undefined ? [] : invokedCode(x.module, x.export).map((i) => i.op);
    const kind = [...ops].reverse().map(nanOpKind).find((k) => k !== undefined);
    const by = kind === undefined ? '' : ` by ${kind}`;
    if (x.nanRule === 'nan:arithmetic') return `NaN result not quieted${by} (spec 4.3.3: an arithmetic NaN is required)`;
    if (x.nanRule === 'nan:canonical') return `NaN result not canonical${by} (spec 4.3.3: a canonical NaN is required)`;
  }
  if (x.export === undefined) {
    if (x.kind === 'rejects-valid' || x.kind === 'crash' || x.kind === 'timeout' || x.kind === 'exhaustion') return `module: ${normaliseMessage(x.message ?? x.actualClass)}`;
    return `module: ${ruleName(x.rule ?? x.expectedClass)}`;
  }
  // the spec expects the stack to run out (unbounded recursion): the cause is the missing limit, whatever the recursion runs
  if (x.expectedClass === 'exhaustion' && x.kind !== 'exhaustion') return 'no call stack limit (unbounded recursion never exhausts)';
  if (x.expectedClass === 'exhaustion') return 'call stack exhaustion (unbounded recursion)';
  const code = invokedCode(x.module, x.export);
  const ops = code.map((i) => i.op);
  const expectedTrap = trapOf(x.expectedClass);
  const actualTrap = trapOf(x.actualClass);
  let op: string | undefined;
  if (x.kind === 'missing-trap' || x.kind === 'wrong-trap') op = lastMatching(ops, expectedTrap);
  else if (x.kind === 'unexpected-trap' || x.kind === 'exhaustion') op = lastMatching(ops, actualTrap ?? (x.kind === 'exhaustion' ? 'call stack exhausted' : undefined));
  // a crash, a hang or an exhaustion: the most specific instruction (a table or memory access before an add),
  // else a read of a reference global (engines keep references apart from numbers; integer arithmetic rarely crashes one)
  if (x.kind === 'crash' || x.kind === 'timeout' || x.kind === 'exhaustion') {
    op ??= [...ops].reverse().find((o) => !TRIVIAL.test(o) && !BASIC.test(o)) ?? (readsRefGlobal(code, x.module) ? 'global.get (reference global)' : undefined);
  }
  op ??= [...ops].reverse().find((o) => !TRIVIAL.test(o)) ?? ops.at(-1) ?? `export ${x.export}`;
  if (x.kind === 'wrong-trap') return `${op}: ${expectedTrap ?? x.expectedClass} reported as ${actualTrap ?? x.actualClass}`;
  if (x.kind === 'rejects-valid') return `${op}: ${normaliseMessage(x.message ?? x.actualClass)}`;
  return op;
}

const NAN_OP_KINDS: [RegExp, string][] = [
  [/^f(32|64)(x[24])?\.(floor|ceil|trunc|nearest)$/, 'rounding'],
  [/^f(32|64)(x[24])?\.(relaxed_)?(min|max)$/, 'min/max'],
  [/^f(32|64)(x[24])?\.(add|sub|mul|div|sqrt|relaxed_n?madd)$/, 'arithmetic'],
  [/^f(32|64)(x[24])?\.(promote|demote|convert)/, 'conversion'],
];

/** The kind of floating-point operation an instruction is, for the NaN rule (undefined: one that makes no NaN of its own). */
function nanOpKind(op: string): string | undefined {
  return NAN_OP_KINDS.find(([re]) => re.test(op))?.[1];
}

/** The trap kind of an outcome class `trap:KIND`. */
function trapOf(cls: string): string | undefined {
  return cls.startsWith('trap:') ? cls.slice(5) : cls === 'exhaustion' ? 'call stack exhausted' : undefined;
}

/** Whether the code reads a global of reference type (`global.get`). */
function readsRefGlobal(code: readonly Instr[], m: Module | undefined): boolean {
  const globals = m === undefined ? [] : globalTypes(m);
  return code.some((i) => i.op === 'global.get' && i.index !== undefined && globals[i.index] !== undefined && isRefType(globals[i.index]!.type));
}

function lastMatching(ops: readonly string[], trap: string | undefined): string | undefined {
  const re = trap === undefined ? undefined : TRAPPING[trap];
  return re === undefined ? undefined : [...ops].reverse().find((o) => re.test(o));
}

/** A spec or oracle rejection message as the rule it names: the words before any detail ("type mismatch: instruction requires [i64]..." is "type mismatch"). */
export function ruleName(text: string): string {
  return normaliseMessage(text.replace(/^(malformed|invalid|unlinkable|uninstantiable)(:\s*|$)/, '').split(':')[0]!);
}

/** A message without what varies between sightings: numbers, offsets, quoted names, prefixes. */
export function normaliseMessage(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return first
    .replace(/^\s*(\[[^\]]*\]\s*)+/, '')
    .replace(/^(error|exception|compileerror|linkerror|runtimeerror)\s*:\s*/i, '')
    .replace(/WebAssembly\.\w+\(\):\s*/g, '')
    .replace(/@\+\d+/g, '')
    .replace(/0x[0-9a-f]+/gi, 'N')
    .replace(/\d+/g, 'N')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, 100);
}

/**
 * The instructions an invocation of `name` runs, in order: the exported
 * function's body with each direct call replaced by the callee's code
 * (recursion and depth bounded).
 */
export function invokedCode(m: Module | undefined, name: string): Instr[] {
  if (m === undefined) return [];
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const exp = m.exports.find((e) => e.kind === 'func' && e.name === name);
  if (exp === undefined) return [];
  const out: Instr[] = [];
  const visit = (func: number, stack: number[]): void => {
    const f = m.funcs[func - imported];
    if (f === undefined || stack.includes(func) || stack.length > 8) return;
    const walk = (body: readonly Instr[]): void => {
      for (const i of body) {
        if (i.op === 'call' && i.index !== undefined && m.funcs[i.index - imported] !== undefined && !stack.includes(i.index)) {
          visit(i.index, [...stack, func]);
          continue;
        }
        out.push(i);
        if (i.body) walk(i.body);
        if (i.elseBody) walk(i.elseBody);
      }
    };
    walk(f.body);
  };
  visit(exp.index, []);
  return out;
}
