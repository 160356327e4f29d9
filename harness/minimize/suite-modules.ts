// The valid text modules of the 3.0 spec suite, for the minimiser's
// property tests: between them they use every instruction and every place a
// type or another index can appear. Empty when the testsuite is absent.
import { readFileSync } from 'node:fs';
import { suiteFiles } from '../testsuite.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { parseWast } from '../../reference-runtime/text/parse-script.js';
import { validity } from './reducer.js';

export interface SuiteModule {
  /** file:line of the module in the suite */
  where: string;
  module: Module;
}

export function suiteModules(): SuiteModule[] {
  const out: SuiteModule[] = [];
  for (const f of suiteFiles('wasm-3.0')) {
    for (const c of parseWast(readFileSync(f, 'utf8'), f).commands) {
      if (c.kind !== 'module' || c.source.kind !== 'text') continue;
      if (validity(c.source.module) === 'valid') out.push({ where: `${f.split('/').pop()}:${c.line}`, module: c.source.module });
    }
  }
  return out;
}
