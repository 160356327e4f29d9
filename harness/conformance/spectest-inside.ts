// A module that imports only from the testsuite's `spectest` host module,
// rewritten to define those things itself, so that runtimes with no way to
// be given imports (a plan has none, plan.ts rule 1) can still run it. Every
// import becomes a definition of what spectest provides (its real types: a
// memory of 1 page, max 2; a table of 10 funcrefs, max 20; globals holding
// 666 / 666.6; print functions that do nothing observable), placed first
// among the definitions, so every index stays what it was. What is then
// tested is the module's behaviour with those values, not the runtime's
// linker: a module whose imports do not match spectest is left alone (it is
// a linking test).
import type { Module } from '../../reference-runtime/syntax/module.js';
import { instr, type Instr } from '../../reference-runtime/syntax/instructions.js';
import { spectest } from '../../reference-runtime/host/spectest.js';
import { externMatches } from '../../reference-runtime/runtime/match.js';
import type { Value } from '../../reference-runtime/runtime/values.js';
import { ValidationError } from '../../reference-runtime/errors.js';
import { validateModule } from '../../reference-runtime/valid/validate.js';

export const SPECTEST = 'spectest';

/** The module with its spectest imports defined inside it, or undefined when it is invalid or an import is not spectest's or does not match. */
export function spectestInside(module: Module): Module | undefined {
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
    const v = imp.module === SPECTEST ? host.get(imp.name) : undefined;
    if (v === undefined || !externMatches(v, imp.desc, module)) return undefined;
    switch (v.kind) {
      case 'func':
        // the print functions have no results: an empty body is theirs
        funcs.push({ type: (imp.desc as { type: number }).type, locals: [], body: [] });
        break;
      case 'global':
        globals.push({ type: v.value.type, init: [constant(v.value.get())] });
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
  return m;
}

function constant(v: Value): Instr {
  switch (v.type) {
    case 'i32':
      return instr('i32.const', { i32: v.value });
    case 'i64':
      return instr('i64.const', { i64: v.value });
    case 'f32':
      return instr('f32.const', { f32: v.bits });
    case 'f64':
      return instr('f64.const', { f64: v.bits });
    default:
      throw new Error(`spectest has no ${v.type} global`);
  }
}
