// The spec testsuite's assertions on functions of one instruction, for the
// numerics' cross-checks (testsuite.test.ts on the scalar instructions,
// v128/testsuite.test.ts on the vector ones): a function whose body is
// `local.get 0 .. local.get n-1` followed by that instruction computes exactly
// what the instruction does. wabt (wast2json, wasm2wat) only turns the scripts
// into JSON and readable bodies; it computes none of the results.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const hasWabt = spawnSync('wast2json', ['--version']).status === 0 && spawnSync('wasm2wat', ['--version']).status === 0;

/** A value of wast2json's JSON: bits as an unsigned decimal, or a NaN class; a v128 as its lanes. */
export interface JsonValue {
  type: string;
  lane_type?: string;
  value: string | string[];
}
export interface Command {
  type: string;
  filename?: string;
  action?: { type: string; field: string; args: JsonValue[] };
  expected?: JsonValue[];
  text?: string;
}

/** What the tests run for one instruction line of a body ("i32.add", "i8x16.extract_lane_s 3"), and its operand count. */
export type Resolve<F> = (line: string) => { fn: F; arity: number } | undefined;

/** An invoke of a single-instruction function: its command, the function resolved and the instruction's mnemonic. */
export interface SingleOpCall<F> {
  command: Command & { action: NonNullable<Command['action']> };
  fn: F;
  mnemonic: string;
}

/** The invokes (of every command type) in script `wast` of its single-instruction functions, wast2json's output left in `work`. */
export function singleOpCalls<F>(wast: string, work: string, resolve: Resolve<F>): SingleOpCall<F>[] {
  const json = join(work, `${basename(wast)}.json`);
  const run = spawnSync('wast2json', ['--no-check', wast, '-o', json], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wast2json ${wast}: ${run.stderr}`);
  const commands = (JSON.parse(readFileSync(json, 'utf8')) as { commands: Command[] }).commands;
  let exports = new Map<string, { fn: F; mnemonic: string }>();
  const calls: SingleOpCall<F>[] = [];
  for (const c of commands) {
    if (c.type === 'module') exports = singleOpExports(join(work, basename(c.filename!)), resolve);
    const f = c.action?.type === 'invoke' ? exports.get(c.action.field) : undefined;
    if (f !== undefined) calls.push({ command: c as SingleOpCall<F>['command'], ...f });
  }
  return calls;
}

/** Export name -> its function, for the exports whose body is one instruction that `resolve` knows, on the parameters in order. */
function singleOpExports<F>(wasm: string, resolve: Resolve<F>): Map<string, { fn: F; mnemonic: string }> {
  const wat = spawnSync('wasm2wat', ['--no-check', wasm], { encoding: 'utf8' }).stdout;
  const funcs = new Map<string, { fn: F; mnemonic: string }>();
  const exports = new Map<string, { fn: F; mnemonic: string }>();
  for (const field of wat.split('\n  (')) {
    const func = /^func \(;(\d+);\)[^\n]*\n([\s\S]*)$/.exec(field);
    if (func) {
      const body = func[2]!.split('\n').map((l) => l.trim().replace(/\)+$/, ''));
      const line = body.at(-1)!;
      const f = resolve(line);
      if (f !== undefined && body.length - 1 === f.arity && body.slice(0, -1).every((l, i) => l === `local.get ${i}`)) {
        funcs.set(func[1]!, { fn: f.fn, mnemonic: line.split(' ')[0]! });
      }
    }
    const exp = /^export "([^"]*)" \(func (\d+)\)/.exec(field);
    if (exp && funcs.has(exp[2]!)) exports.set(exp[1]!, funcs.get(exp[2]!)!);
  }
  return exports;
}

const view = new DataView(new ArrayBuffer(8));

/** A scalar operand as the numerics take it: i32 and f32 as int32 bits, i64 a BigInt, f64 a double with those bits. */
export function scalarOperand(v: JsonValue): number | bigint {
  const bits = BigInt(v.value as string);
  if (v.type === 'i32' || v.type === 'f32') return Number(BigInt.asIntN(32, bits));
  if (v.type === 'i64') return BigInt.asIntN(64, bits);
  if (v.type !== 'f64') throw new Error(`unexpected operand type ${v.type}`);
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}
