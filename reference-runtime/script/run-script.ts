// Runs a parsed .wast script command by command (spec interpreter
// script/run.ml): modules are validated and instantiated against the
// registry (which starts with `spectest`), actions invoke exports, and each
// assertion passes or fails with the expectation and what happened. Messages
// of traps and rejected modules pass when the expected text is a prefix of
// the actual message, as in the spec's own runner.
import { readFileSync } from 'node:fs';
import { decodeModule } from '../binary/decode.js';
import { DecodeError, Exhaustion, LinkError, ParseError, Trap, ValidationError, WasmError } from '../errors.js';
import { invokeFunction, type InvokeResult } from '../exec/invoke.js';
import { spectest } from '../host/spectest.js';
import type { ExternVal, ModuleInstance } from '../runtime/instance.js';
import { instantiate } from '../runtime/instantiate.js';
import { showValue, type Value } from '../runtime/values.js';
import type { Module } from '../syntax/module.js';
import type { Action, Command, ModuleSource, Script } from '../syntax/script.js';
import { parseWat } from '../text/parse-module.js';
import { parseWast } from '../text/parse-script.js';
import { validateModule } from '../valid/validate.js';
import { constValue, matches, showExpected } from './expect.js';

export interface Failure {
  file: string;
  line: number;
  command: string;
  expected: string;
  actual: string;
}

export interface ScriptResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: Failure[];
}

/** Reads, parses and runs one .wast file; a file that does not parse is one failure. */
export function runWastFile(path: string): ScriptResult {
  const text = readFileSync(path, 'utf8');
  let script: Script;
  try {
    script = parseWast(text, path);
  } catch (e) {
    const line = e instanceof ParseError ? e.line : 0;
    return { file: path, passed: 0, failed: 1, skipped: 0, failures: [{ file: path, line, command: 'parse', expected: 'a script', actual: describe(e) }] };
  }
  return runScript(script);
}

/** The outcome of one command: pass, or a failure's expected and actual text. */
type Outcome = { ok: true } | { ok: false; expected: string; actual: string };

const PASS: Outcome = { ok: true };
/** A command outside WebAssembly 2.0 (a later script form the parser may hand over). */
const SKIP: Outcome = { ok: true };

function fail(expected: string, actual: string): Outcome {
  return { ok: false, expected, actual };
}

function describe(e: unknown): string {
  if (e instanceof WasmError) return `${e.name}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export function runScript(script: Script): ScriptResult {
  return new Runner(script.file).run(script);
}

class Runner {
  private readonly registry = new Map<string, Map<string, ExternVal>>([['spectest', spectest()]]);
  private readonly named = new Map<string, ModuleInstance>();
  private current: ModuleInstance | undefined;
  private readonly result: ScriptResult;

  constructor(file: string) {
    this.result = { file, passed: 0, failed: 0, skipped: 0, failures: [] };
  }

  run(script: Script): ScriptResult {
    for (const cmd of script.commands) {
      let outcome: Outcome;
      try {
        outcome = this.command(cmd);
      } catch (e) {
        outcome = fail('no error', describe(e));
      }
      if (outcome === SKIP) this.result.skipped++;
      else if (outcome.ok) this.result.passed++;
      else {
        this.result.failed++;
        this.result.failures.push({ file: script.file, line: cmd.line, command: cmd.kind, expected: outcome.expected, actual: outcome.actual });
      }
    }
    return this.result;
  }

  private command(cmd: Command): Outcome {
    switch (cmd.kind) {
      case 'module': {
        const inst = instantiate(this.load(cmd.source), this.registry);
        this.current = inst;
        if (cmd.name !== undefined) this.named.set(cmd.name, inst);
        return PASS;
      }
      case 'register': {
        const inst = this.instance(cmd.module);
        this.registry.set(cmd.as, inst.exports);
        return PASS;
      }
      case 'action':
        this.action(cmd.action);
        return PASS;
      case 'assert_return': {
        const values = this.action(cmd.action).values;
        const want = cmd.expected.map(showExpected).join(' ');
        const got = values.map(showValue).join(' ');
        if (values.length !== cmd.expected.length) return fail(want, got);
        return values.every((v, i) => matches(v, cmd.expected[i]!)) ? PASS : fail(want, got);
      }
      case 'assert_trap':
        return this.expectError(() => this.action(cmd.action), Trap, cmd.message);
      case 'assert_exhaustion':
        return this.expectError(() => this.action(cmd.action), Exhaustion, cmd.message);
      case 'assert_trap_module':
      case 'assert_uninstantiable':
        return this.expectError(() => instantiate(this.load(cmd.source), this.registry), Trap, cmd.message);
      case 'assert_unlinkable':
        return this.expectError(() => instantiate(this.load(cmd.source), this.registry), LinkError, cmd.message);
      case 'assert_invalid':
        return this.expectError(() => this.load(cmd.source), ValidationError, cmd.message);
      case 'assert_malformed':
        return this.expectError(() => this.load(cmd.source), cmd.source.kind === 'binary' ? DecodeError : ParseError, cmd.message);
      default:
        return SKIP;
    }
  }

  /** Decodes or parses a module as needed, then validates it. */
  private load(source: ModuleSource): Module {
    let m: Module;
    if (source.kind === 'text') m = source.module;
    else if (source.kind === 'binary') m = decodeModule(source.bytes);
    else m = parseWat(source.text);
    validateModule(m);
    return m;
  }

  private instance(name: string | undefined): ModuleInstance {
    const inst = name === undefined ? this.current : this.named.get(name);
    if (inst === undefined) throw new Error(name === undefined ? 'no module defined' : `unknown module ${name}`);
    return inst;
  }

  private action(a: Action): InvokeResult {
    const inst = this.instance(a.module);
    const ex = inst.exports.get(a.name);
    if (a.kind === 'get') {
      if (ex?.kind !== 'global') throw new Error(`no exported global "${a.name}"`);
      const v: Value = ex.value.get();
      return { values: [v], nondeterministic: false, allowed: [{ kind: 'exact' }], reasons: [] };
    }
    if (ex?.kind !== 'func') throw new Error(`no exported function "${a.name}"`);
    return invokeFunction(ex.value, a.args.map(constValue));
  }

  private expectError(run: () => unknown, kind: new (...args: any[]) => WasmError, message: string): Outcome {
    const want = `${kind.name}: ${message}`;
    try {
      run();
    } catch (e) {
      if (e instanceof kind && e.message.startsWith(message)) return PASS;
      return fail(want, describe(e));
    }
    return fail(want, 'no error');
  }
}
