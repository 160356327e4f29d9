// The `spectest` host module the spec testsuite imports from (WebAssembly/spec
// interpreter/host/spectest.ml): print functions that accept their arguments
// and do nothing observable, globals holding 666 / 666.6, a table of 10
// funcrefs (max 20), the same with i64 indices (table64, 3.0) and a memory of
// 1 page (max 2). Each call builds fresh instances, so scripts do not see each
// other's writes.
import type { ExternVal } from '../runtime/instance.js';
import { hostFunc } from '../runtime/func.js';
import { GlobalInstance } from '../runtime/global.js';
import { MemoryInstance } from '../runtime/memory.js';
import { TableInstance } from '../runtime/table.js';
import type { ValType } from '../syntax/types.js';
import type { Value } from '../runtime/values.js';

/** Where print functions send their arguments (a no-op unless a caller wants to observe them). */
export type PrintSink = (name: string, args: Value[]) => void;

export function spectest(sink: PrintSink = () => {}): Map<string, ExternVal> {
  const m = new Map<string, ExternVal>();
  const print = (name: string, params: ValType[]) =>
    m.set(name, { kind: 'func', value: hostFunc({ params, results: [] }, (args) => (sink(name, args), [])) });
  print('print', []);
  print('print_i32', ['i32']);
  print('print_i64', ['i64']);
  print('print_f32', ['f32']);
  print('print_f64', ['f64']);
  print('print_i32_f32', ['i32', 'f32']);
  print('print_f64_f64', ['f64', 'f64']);
  const global = (name: string, v: Value) => m.set(name, { kind: 'global', value: new GlobalInstance({ type: v.type as ValType, mutable: false }, v) });
  global('global_i32', { type: 'i32', value: 666 });
  global('global_i64', { type: 'i64', value: 666n });
  global('global_f32', { type: 'f32', bits: 0x4426a666 }); // 666.6f
  global('global_f64', { type: 'f64', bits: 0x4084d4cccccccccdn }); // 666.6
  m.set('table', { kind: 'table', value: new TableInstance({ limits: { min: 10, max: 20 }, elem: 'funcref' }) });
  m.set('table64', { kind: 'table', value: new TableInstance({ limits: { min: 10, max: 20 }, elem: 'funcref', addr: 'i64' }) });
  m.set('memory', { kind: 'memory', value: new MemoryInstance({ limits: { min: 1, max: 2 } }) });
  return m;
}
