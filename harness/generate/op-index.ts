// The opcode table, indexed for type-directed generation: the instructions
// whose typing the table gives (a signature), grouped by what they produce.
// Constants are left out (generators write them as leaves); everything else
// with a signature is here, so every such opcode can be chosen.
import { OPCODES, signature, type OpInfo } from '../../reference-runtime/syntax/opcodes.js';
import type { ValType } from '../../reference-runtime/syntax/types.js';

export interface SigOp {
  info: OpInfo;
  params: ValType[];
  results: ValType[];
}

const CONSTS = new Set(['i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const']);

const sigOps: SigOp[] = OPCODES.flatMap((info) => {
  const sig = signature(info);
  if (sig === undefined || CONSTS.has(info.name)) return [];
  return [{ info, params: sig.params as ValType[], results: sig.results as ValType[] }];
});

/** Instructions with one result, by result type. */
export const OPS_BY_RESULT: ReadonlyMap<ValType, readonly SigOp[]> = groupBy(
  sigOps.filter((o) => o.results.length === 1),
  (o) => o.results[0]!,
);

/** Instructions with no result (stores, bulk memory, data.drop, nop). */
export const VOID_OPS: readonly SigOp[] = sigOps.filter((o) => o.results.length === 0);

/** Whether an instruction needs the module to have a memory. */
export function needsMemory(info: OpInfo): boolean {
  return ['memarg', 'memarg_lane', 'memory', 'memory_copy', 'memory_init'].includes(info.imm);
}

/** Whether an instruction names a data segment. */
export function needsData(info: OpInfo): boolean {
  return info.imm === 'memory_init' || info.imm === 'data';
}

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list === undefined) m.set(k, [x]);
    else list.push(x);
  }
  return m;
}
