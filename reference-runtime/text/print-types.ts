// Types as text (spec 6.4, 3.0): value and reference types, and the type
// definitions of the type section, with their rec groups and sub clauses
// exactly as the module has them, so that parsing the text gives the same
// types, groups and binary form back.
import type { Module, RecGroup } from '../syntax/module.js';
import type { CompType, FieldType, FuncType, HeapType, RefType, StorageType, SubType, ValType } from '../syntax/types.js';
import { isFuncType, isRefType } from '../syntax/types.js';
import { assignIdents } from './print-names.js';

/** A value or storage type: a keyword, a shorthand (`funcref`), or `(ref null? ht)`. */
export function valTypeText(t: ValType | StorageType): string {
  return t === 'i8' || t === 'i16' || !isRefType(t) ? t : refTypeText(t);
}

/** A reference type: nullable abstract ones by their shorthand (the RefType spelling), the rest as `(ref null? ht)`. */
export function refTypeText(t: RefType): string {
  return t.startsWith('ref ') ? `(${t})` : t;
}

/** A heap type: its keyword, or a type index. */
export function heapTypeText(h: HeapType): string {
  return String(h);
}

/** `(param i32 i64)`, `(result f32)`; empty when there are no types. */
export function typeList(keyword: 'param' | 'result' | 'local', types: readonly ValType[]): string {
  return types.length === 0 ? '' : `(${keyword} ${types.map(valTypeText).join(' ')})`;
}

/** The function type at an index, or undefined (out of range, or a struct or array type). */
export function funcTypeOf(types: readonly SubType[], index: number): FuncType | undefined {
  const t = types[index];
  return t !== undefined && isFuncType(t) ? t : undefined;
}

/**
 * The type section's fields: each type as `(type (;N;) ...)`, the types of
 * an explicit rec group inside `(rec ...)` (an empty group is `(rec)`).
 */
export function typeFields(m: Module, quotedIds = false): string[] {
  const groups: readonly RecGroup[] = m.recs ?? m.types.map(() => ({ size: 1, explicit: false }));
  const lines: string[] = [];
  let next = 0;
  for (const g of groups) {
    const defs: string[] = [];
    for (let k = 0; k < g.size && next < m.types.length; k++, next++) defs.push(typeDef(m.types[next]!, next, quotedIds));
    if (!g.explicit) lines.push(...defs);
    else if (defs.length === 0) lines.push('(rec)');
    else lines.push('(rec', ...defs.map((d) => '  ' + d), ')');
  }
  // Types beyond the groups (a module built without matching recs) print as groups of their own.
  for (; next < m.types.length; next++) lines.push(typeDef(m.types[next]!, next, quotedIds));
  return joinClosers(lines);
}

/** Moves each lone `)` onto the end of the line before it. */
function joinClosers(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l === ')' && out.length > 0) out[out.length - 1] += ')';
    else out.push(l);
  }
  return out;
}

function typeDef(t: SubType, index: number, quotedIds: boolean): string {
  const comp = compTypeText(t, quotedIds);
  if (t.sub === undefined) return `(type (;${index};) ${comp})`;
  const head = ['sub', ...(t.sub.final ? ['final'] : []), ...t.sub.supers.map(String)].join(' ');
  return `(type (;${index};) (${head} ${comp}))`;
}

function compTypeText(t: CompType, quotedIds: boolean): string {
  if (isFuncType(t)) {
    const sig = [typeList('param', t.params), typeList('result', t.results)].filter((s) => s !== '').join(' ');
    return sig === '' ? '(func)' : `(func ${sig})`;
  }
  if (t.kind === 'array') return `(array ${fieldTypeText(t.field)})`;
  const names = assignIdents(new Map((t.fieldNames ?? []).flatMap((n, i) => (n === undefined ? [] : [[i, n] as const]))), quotedIds);
  const fields = t.fields.map((f, i) => {
    const name = names.get(i);
    return `(field ${name === undefined ? '' : name.text + ' '}${fieldTypeText(f)})`;
  });
  return fields.length === 0 ? '(struct)' : `(struct ${fields.join(' ')})`;
}

function fieldTypeText(f: FieldType): string {
  return f.mutable ? `(mut ${valTypeText(f.type)})` : valTypeText(f.type);
}
