// What every generator produces: a module (as AST and as the bytes a plan
// carries), the invocations to run on it, and where it came from.
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { Invocation } from '../../adapters/plan.js';

export type { Invocation };

export interface GeneratedCase {
  module: Module;
  bytes: Uint8Array;
  invocations: Invocation[];
  /** the generator and its parameters, e.g. `valid`, `instr:i32.div_s`, `smith` */
  origin: string;
}
