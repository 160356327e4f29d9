// Which post-MVP WebAssembly 2.0 features a module needs, read from its types
// and instructions, so that a runtime that lacks one (as probed by
// adapters/features.ts) gets "unsupported" with that feature as the reason
// instead of a failure.
import type { FeatureName } from '../../adapters/adapter.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { isFuncType, type ValType } from '../../reference-runtime/syntax/types.js';

const SIGN_EXTENSION = new Set(['i32.extend8_s', 'i32.extend16_s', 'i64.extend8_s', 'i64.extend16_s', 'i64.extend32_s']);
const BULK = new Set(['memory.init', 'data.drop', 'memory.copy', 'memory.fill', 'table.init', 'elem.drop', 'table.copy']);
const REFERENCES = new Set(['table.get', 'table.set', 'table.grow', 'table.size', 'table.fill', 'ref.null', 'ref.is_null', 'ref.func']);

/** Every instruction of the module, nested bodies and constant expressions included. */
export function* allInstrs(m: Module): Generator<Instr> {
  const walk = function* (body: readonly Instr[]): Generator<Instr> {
    for (const i of body) {
      yield i;
      if (i.body) yield* walk(i.body);
      if (i.elseBody) yield* walk(i.elseBody);
    }
  };
  for (const f of m.funcs) yield* walk(f.body);
  for (const g of m.globals) yield* walk(g.init);
  for (const e of m.elems) {
    for (const init of e.init) yield* walk(init);
    if (e.mode.kind === 'active') yield* walk(e.mode.offset);
  }
  for (const d of m.datas) if (d.mode.kind === 'active') yield* walk(d.mode.offset);
}

export function featuresUsed(m: Module): FeatureName[] {
  const used = new Set<FeatureName>();
  const valType = (t: ValType): void => {
    if (t === 'v128') used.add('simd');
    if (t === 'externref') used.add('reference-types');
  };
  for (const t of m.types) {
    if (!isFuncType(t)) continue; // struct and array types: GC, which no adapter is asked about yet (issue 17)
    t.params.forEach(valType);
    t.results.forEach(valType);
    if (t.results.length > 1) used.add('multi-value');
  }
  for (const f of m.funcs) f.locals.forEach(valType);
  for (const g of m.globals) valType(g.type.type);
  if (m.tables.length > 1 || m.tables.some((t) => t.elem === 'externref')) used.add('reference-types');
  if (m.datas.some((d) => d.mode.kind === 'passive')) used.add('bulk-memory');
  if (m.imports.filter((i) => i.desc.kind === 'memory').length + m.mems.length > 1) used.add('multi-memory');
  if (m.elems.some((e) => e.mode.kind !== 'active' || e.type === 'externref')) used.add('bulk-memory');
  for (const i of allInstrs(m)) {
    const info = opInfo(i.op);
    if (info?.prefix === 0xfd) used.add('simd');
    if (i.op.includes('relaxed')) used.add('relaxed-simd');
    else if (info?.prefix === 0xfc && info.code <= 7) used.add('saturating-conversions');
    if (SIGN_EXTENSION.has(i.op)) used.add('sign-extension');
    if (BULK.has(i.op)) used.add('bulk-memory');
    if (REFERENCES.has(i.op) || (i.op === 'call_indirect' && (i.index2 ?? 0) !== 0) || (i.op === 'select' && i.types !== undefined)) {
      used.add('reference-types');
    }
    if (i.blockType?.kind === 'type') used.add('multi-value');
    if (i.blockType?.kind === 'value') valType(i.blockType.type);
  }
  return [...used].sort();
}
