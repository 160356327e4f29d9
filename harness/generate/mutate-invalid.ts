// Invalid modules: one fault put into the AST of a valid generated module
// (a type error, an index out of range, an alignment or lane too large, a
// wrong stack height, an immutable global set, a second memory, a duplicate
// export, a bad start function), then encoded. The encoder writes what it is
// given, so the bytes decode and the validator should reject them; a fault
// that happens to be harmless where it lands (an i64.const feeding a drop)
// leaves the module valid, which is why tests measure the ratio.
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { opInfo, type OpName } from '../../reference-runtime/syntax/opcodes.js';
import type { Choices } from './choices.js';

/** An instruction list inside a function body, with the number of labels in scope there. */
interface Site {
  list: Instr[];
  index: number;
  labels: number;
  func: number;
}

function sites(m: Module): Site[] {
  const out: Site[] = [];
  const walk = (list: Instr[], labels: number, func: number) =>
    list.forEach((ins, index) => {
      out.push({ list, index, labels, func });
      if (ins.body !== undefined) walk(ins.body, labels + 1, func);
      if (ins.elseBody !== undefined) walk(ins.elseBody, labels + 1, func);
    });
  m.funcs.forEach((f, i) => walk(f.body, 1, i));
  return out;
}

const OTHER_CONST: Record<string, Instr> = {
  'i32.const': instr('i64.const', { i64: 0n }),
  'i64.const': instr('f32.const', { f32: 0 }),
  'f32.const': instr('f64.const', { f64: 0n }),
  'f64.const': instr('i32.const', { i32: 0 }),
  'v128.const': instr('i32.const', { i32: 0 }),
};

/** `simd`: the module may use v128 (a fault adds no vector instruction to a module without). */
type Fault = (m: Module, c: Choices, simd: boolean) => string | undefined;

const UNDERFLOW: OpName[] = ['i32.add', 'drop', 'f64.mul', 'v128.and', 'i64.eqz'];
const UNDERFLOW_SCALAR = UNDERFLOW.filter((op) => !op.startsWith('v128.'));

/** Each fault edits the module in place and names itself, or returns undefined when the module offers no place for it. */
const FAULTS: Record<string, Fault> = {
  'type-error': (m, c) => at(m, c, (i) => i.op in OTHER_CONST, (s) => void (s.list[s.index] = OTHER_CONST[s.list[s.index]!.op]!)),
  'bad-local': (m, c) => at(m, c, (i) => i.op.startsWith('local.'), (s) => void (s.list[s.index]!.index = localCount(m, s.func) + c.int(3))),
  'bad-global': (m, c) => at(m, c, (i) => i.op.startsWith('global.'), (s) => void (s.list[s.index]!.index = m.globals.length + c.int(3))),
  'bad-func': (m, c) => at(m, c, (i) => i.op === 'call' || i.op === 'ref.func', (s) => void (s.list[s.index]!.index = m.funcs.length + c.int(3))),
  'bad-label': (m, c) => at(m, c, (i) => i.op === 'br' || i.op === 'br_if' || i.op === 'br_table', (s) => void (s.list[s.index]!.index = s.labels + c.int(3))),
  'bad-type': (m, c) => at(m, c, (i) => i.op === 'call_indirect' || i.blockType?.kind === 'type', (s) => {
    const ins = s.list[s.index]!;
    if (ins.op === 'call_indirect') ins.index = m.types.length + c.int(3);
    else ins.blockType = { kind: 'type', index: m.types.length + c.int(3) };
  }),
  'bad-table': (m, c) => at(m, c, (i) => i.op.startsWith('table.') || i.op === 'call_indirect', (s) => {
    const ins = s.list[s.index]!;
    if (ins.op === 'call_indirect' || ins.op === 'table.copy') ins.index2 = m.tables.length + c.int(3);
    else if (ins.op === 'table.init') ins.index = m.elems.length + c.int(3);
    else ins.index = m.tables.length + c.int(3);
  }),
  'bad-segment': (m, c) => at(m, c, (i) => ['memory.init', 'data.drop', 'elem.drop'].includes(i.op), (s) => {
    const ins = s.list[s.index]!;
    ins.index = (ins.op === 'elem.drop' ? m.elems.length : m.datas.length) + c.int(3);
  }),
  'bad-align': (m, c) => at(m, c, (i) => i.align !== undefined, (s) => {
    const ins = s.list[s.index]!;
    ins.align = opInfo(ins.op)!.align! + 1 + c.int(3);
  }),
  'bad-lane': (m, c) => at(m, c, (i) => i.lane !== undefined || i.op === 'i8x16.shuffle', (s) => {
    const ins = s.list[s.index]!;
    if (ins.op === 'i8x16.shuffle') ins.bytes![c.int(16)] = 32 + c.int(200);
    else ins.lane = opInfo(ins.op)!.lanes! + c.int(16);
  }),
  'stack-underflow': (m, c, simd) => at(m, c, () => true, (s) => void s.list.splice(s.index, 0, instr(c.pick(simd ? UNDERFLOW : UNDERFLOW_SCALAR)))),
  'stack-extra': (m, c) => at(m, c, () => true, (s) => void s.list.splice(s.index + 1, 0, instr('i32.const', { i32: 1 }))),
  'immutable-global': (m, c) => {
    const imm = m.globals.flatMap((g, i) => (g.type.mutable ? [] : [i]));
    if (imm.length === 0) return undefined;
    return at(m, c, (i) => i.op === 'global.set', (s) => void (s.list[s.index]!.index = c.pick(imm)));
  },
  'global-init': (m, c) => {
    const g = m.globals[c.int(m.globals.length)];
    if (g === undefined) return undefined;
    const other = OTHER_CONST[g.init[0]!.op] ?? instr('i32.const', { i32: 0 });
    g.init = [other];
    return 'global-init';
  },
  'no-memory': (m) => {
    if (m.mems.length === 0) return undefined;
    m.mems = [];
    m.datas = m.datas.filter((d) => d.mode.kind === 'passive');
    m.exports = m.exports.filter((x) => x.kind !== 'memory');
    if (m.dataCount !== undefined) m.dataCount = m.datas.length;
    return 'no-memory';
  },
  'two-memories': (m) => {
    m.mems.push({ limits: { min: 0 } });
    return 'two-memories';
  },
  'duplicate-export': (m, c) => {
    const x = m.exports[c.int(m.exports.length)];
    if (x === undefined) return undefined;
    m.exports.push({ ...x });
    return 'duplicate-export';
  },
  'bad-start': (m, c) => {
    const bad = m.funcs.flatMap((f, i) => (funcTypeAt(m.types, f.type).params.length + funcTypeAt(m.types, f.type).results.length > 0 ? [i] : []));
    m.start = bad.length > 0 && c.chance(70) ? c.pick(bad) : m.funcs.length + c.int(3);
    return 'bad-start';
  },
};

export const INVALID_FAULTS: readonly string[] = Object.keys(FAULTS);

function localCount(m: Module, func: number): number {
  const f = m.funcs[func]!;
  return funcTypeAt(m.types, f.type).params.length + f.locals.length;
}

/** Applies `edit` at a randomly chosen instruction matching `want`; undefined when there is none. */
function at(m: Module, c: Choices, want: (i: Instr) => boolean, edit: (s: Site) => void): string | undefined {
  const found = sites(m).filter((s) => want(s.list[s.index]!));
  if (found.length === 0) return undefined;
  edit(c.pick(found));
  return 'ok';
}

/** Puts one fault into `m` (in place), trying others when the chosen one has no place; returns the fault's name. */
export function injectFault(m: Module, c: Choices, simd = true): string {
  const names = INVALID_FAULTS;
  const first = c.int(names.length);
  for (let k = 0; k < names.length; k++) {
    const name = names[(first + k) % names.length]!;
    if (FAULTS[name]!(m, c, simd) !== undefined) return name;
  }
  return 'two-memories'; // always applies
}
