// A module's imports, defined inside it, so that runtimes with no way to be
// given imports (a plan has none, plan.ts rule 1) can still run it. Each
// import becomes a definition placed first among the definitions of its
// kind, so every index stays what it was. Two providers can be inlined:
//  - the testsuite's `spectest` host module, with its real types (a memory
//    of 1 page, max 2; a table of 10 funcrefs, max 20; globals holding 666 /
//    666.6; print functions that do nothing observable);
//  - a module the script registered, for what can be copied without sharing
//    state: functions whose code touches nothing outside their own frame (no
//    calls, globals, memory or tables), and immutable globals with a
//    constant initial value.
// What is then tested is the module's behaviour with those definitions, not
// the runtime's linker: a module with any other import, or one whose imports
// do not match, is left alone (the translator says why).
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { appendType, type Func, type Global, type Module } from '../../reference-runtime/syntax/module.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import { funcTypeEquals } from '../../reference-runtime/syntax/types.js';
import { spectest } from '../../reference-runtime/host/spectest.js';
import { externMatches } from '../../reference-runtime/runtime/match.js';
import type { NumValue } from '../../adapters/plan.js';
import { toResult } from '../../adapters/reference/reference-run.js';
import { constInstr } from '../../adapters/values.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';
import { forEachInstr, mapTree } from '../../reference-runtime/syntax/walk.js';

export const SPECTEST = 'spectest';

/**
 * The module with its imports defined inside it, or undefined when it is
 * invalid or an import cannot be inlined. `registered`: the modules the
 * script registered so far, by the name they were registered as.
 */
export function importsInside(module: Module, registered: ReadonlyMap<string, Module> = new Map()): Module | undefined {
  if (module.imports.length === 0) return undefined;
  try {
    validateModule(module);
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
  const host = spectest();
  const m: Module = structuredClone(module);
  const funcs: Module['funcs'] = [];
  const globals: Module['globals'] = [];
  const tables: Module['tables'] = [];
  const mems: Module['mems'] = [];
  for (const imp of module.imports) {
    const from = registered.get(imp.module);
    if (from !== undefined) {
      const copied = copyExport(from, imp.name, imp.desc, m);
      if (copied === undefined) return undefined;
      if ('body' in copied) funcs.push(copied);
      else globals.push(copied);
      continue;
    }
    const v = imp.module === SPECTEST ? host.get(imp.name) : undefined;
    if (v === undefined || !externMatches(v, imp.desc, module)) return undefined;
    switch (v.kind) {
      case 'func':
        // the print functions have no results: an empty body is theirs
        funcs.push({ type: (imp.desc as { type: number }).type, locals: [], body: [] });
        break;
      case 'global':
        globals.push({ type: v.value.type, init: [constInstr(toResult(v.value.get()) as NumValue)] }); // spectest's globals are numbers
        break;
      case 'table':
        tables.push({ ...v.value.type });
        break;
      case 'memory':
        mems.push({ limits: { ...v.value.type.limits } });
        break;
    }
  }
  m.imports = [];
  m.funcs = [...funcs, ...m.funcs];
  m.globals = [...globals, ...m.globals];
  m.tables = [...tables, ...m.tables];
  m.mems = [...mems, ...m.mems];
  // a definition does not always stand where the import stood: a table
  // initialiser sees imported globals only (3.0), so `global.get` of a global
  // now defined is invalid; such a module is not expressible this way
  try {
    validateModule(m);
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
  return m;
}

/** A registered module's export as a definition for `into`, when it can be copied and matches the import. */
function copyExport(from: Module, name: string, desc: Module['imports'][number]['desc'], into: Module): Func | Global | undefined {
  const exp = from.exports.find((e) => e.name === name);
  if (exp === undefined || exp.kind !== desc.kind) return undefined;
  const importedOfKind = from.imports.filter((i) => i.desc.kind === desc.kind).length;
  if (exp.index < importedOfKind) return undefined; // re-exported import: its origin is elsewhere
  if (desc.kind === 'func') {
    const f = from.funcs[exp.index - importedOfKind]!;
    if (!funcTypeEquals(funcTypeAt(from.types, f.type), funcTypeAt(into.types, desc.type)) || !selfContained(f.body)) return undefined;
    // block types name the exporter's types: give them indices in the importer
    const body = mapTree(f.body, (i) =>
      i.blockType?.kind === 'type' ? { ...i, blockType: { kind: 'type', index: appendType(into, from.types[i.blockType.index]!) } } : i,
    );
    return { type: desc.type, locals: [...f.locals], body };
  }
  if (desc.kind === 'global') {
    const g = from.globals[exp.index - importedOfKind]!;
    const init = g.init[0];
    const isConstant = g.init.length === 1 && init !== undefined && /^(i32|i64|f32|f64|v128)\.const$|^ref\.null$/.test(init.op);
    if (g.type.mutable || desc.global.mutable || g.type.type !== desc.global.type || !isConstant) return undefined;
    return { type: { ...g.type }, init: [{ ...init }] };
  }
  return undefined; // memories and tables are shared state
}

/** Code that reads and writes nothing outside its own frame. */
function selfContained(body: readonly Instr[]): boolean {
  let contained = true;
  forEachInstr(body, (i) => {
    if (/^(call|return_call|global\.|table\.|memory\.|data\.|elem\.|ref\.func)|load|store/.test(i.op)) contained = false;
  });
  return contained;
}
