// Pass 4 of the minimiser: every constant in function bodies and global
// initialisers, and every invocation argument, moved towards 0, 1, -1 and
// fewer bits (simpler-values.ts); the first simpler value that keeps the
// divergence is taken.
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import type { Instr } from '../../reference-runtime/syntax/instructions.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import { printInstr } from '../../reference-runtime/text/print.js';
import { armsOf, replaceRange, seqAt, type SeqPath } from './instr-tree.js';
import type { Reducer } from './reducer.js';
import { importedCount } from './renumber.js';
import { F32, F64, simplerFloats, simplerInts } from './simpler-values.js';

export async function simplifyConstants(r: Reducer): Promise<void> {
  for (let f = 0; f < r.best.module.funcs.length; f++) {
    for (const site of constSites(r.best.module.funcs[f]!.body)) {
      await firstAccepted(r, () => {
        const m = r.best.module;
        const body = m.funcs[f]!.body;
        const old = seqAt(body, site.path)[site.at]!;
        return simplerConsts(old).map((c) => {
          const funcs = m.funcs.slice();
          funcs[f] = { ...m.funcs[f]!, body: replaceRange(body, site.path, site.at, site.at, [c]) };
          return { module: { ...m, funcs }, step: `func ${importedCount(m, 'func') + f}: ${printInstr(old)} -> ${printInstr(c)}` };
        });
      });
    }
  }
  for (let g = 0; g < r.best.module.globals.length; g++) {
    await firstAccepted(r, () => {
      const m = r.best.module;
      const init = m.globals[g]!.init;
      if (init.length !== 1) return [];
      return simplerConsts(init[0]!).map((c) => {
        const globals = m.globals.slice();
        globals[g] = { ...m.globals[g]!, init: [c] };
        return { module: { ...m, globals }, step: `global ${g}: ${printInstr(init[0]!)} -> ${printInstr(c)}` };
      });
    });
  }
  await simplifyArguments(r);
}

async function simplifyArguments(r: Reducer): Promise<void> {
  for (let i = 0; i < r.best.invocations.length; i++) {
    for (let a = 0; a < r.best.invocations[i]!.args.length; a++) {
      const invs = r.best.invocations;
      for (const value of simplerArgs(invs[i]!.args[a]!)) {
        const args = invs[i]!.args.slice();
        args[a] = value;
        const invocations: Invocation[] = invs.slice();
        invocations[i] = { ...invs[i]!, args };
        if (await r.attempt({ module: r.best.module, invocations }, `invocation ${i} (${invs[i]!.export}): argument ${a} simplified`)) break;
      }
    }
  }
}

/** Tries the candidates in order until one is accepted. */
async function firstAccepted(r: Reducer, candidates: () => { module: Module; step: string }[]): Promise<void> {
  for (const c of candidates()) if (await r.attemptModule(c.module, c.step)) return;
}

interface ConstSite {
  path: SeqPath;
  at: number;
}

function constSites(body: readonly Instr[], path: SeqPath = []): ConstSite[] {
  const out: ConstSite[] = [];
  body.forEach((ins, at) => {
    if (ins.op.endsWith('.const')) out.push({ path, at });
    for (const arm of armsOf(ins)) out.push(...constSites(ins[arm] ?? [], [...path, { at, arm }]));
  });
  return out;
}

/** Simpler constants of the same type; none for an instruction that is no constant. */
export function simplerConsts(ins: Instr): Instr[] {
  switch (ins.op) {
    case 'i32.const':
      return simplerInts(BigInt(ins.i32!), 32).map((v) => ({ op: ins.op, i32: Number(v) }));
    case 'i64.const':
      return simplerInts(ins.i64!, 64).map((v) => ({ op: ins.op, i64: v }));
    case 'f32.const':
      return simplerFloats(F32, BigInt(ins.f32! >>> 0)).map((v) => ({ op: ins.op, f32: Number(v) }));
    case 'f64.const':
      return simplerFloats(F64, ins.f64!).map((v) => ({ op: ins.op, f64: v }));
    case 'v128.const':
      return ins.bytes!.some((b) => b !== 0) ? [{ op: ins.op, bytes: new Uint8Array(16) }] : [];
    default:
      return [];
  }
}

function simplerArgs(a: ArgValue): ArgValue[] {
  switch (a.type) {
    case 'i32':
      return simplerInts(BigInt(a.bits | 0), 32).map((v) => ({ type: 'i32', bits: Number(BigInt.asUintN(32, v)) }));
    case 'i64':
      return simplerInts(BigInt.asIntN(64, a.bits), 64).map((v) => ({ type: 'i64', bits: BigInt.asUintN(64, v) }));
    case 'f32':
      return simplerFloats(F32, BigInt(a.bits >>> 0)).map((v) => ({ type: 'f32', bits: Number(v) }));
    case 'f64':
      return simplerFloats(F64, a.bits).map((v) => ({ type: 'f64', bits: v }));
    case 'v128':
      return a.bytes.some((b) => b !== 0) ? [{ type: 'v128', bytes: new Uint8Array(16) }] : [];
    default:
      return [];
  }
}
