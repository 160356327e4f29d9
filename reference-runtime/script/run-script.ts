// Runs a parsed .wast script command by command (spec interpreter
// script/run.ml): modules are validated and instantiated against the
// registry (which starts with `spectest`), actions invoke exports, and each
// assertion passes or fails with the expectation and what happened. Messages
// of traps and rejected modules pass when the expected text is a prefix of
// the actual message, as in the spec's own runner. The spec version is an
// input: a 2.0 script is decoded, parsed and validated by 2.0 rules, a 3.0
// script by 3.0 rules (specVersionOf picks it from the suite folder).
import { readFileSync } from 'node:fs';
import { decodeModule } from '../binary/decode.js';
import { DecodeError, Exhaustion, LinkError, ParseError, Trap, UncaughtException, ValidationError, WasmError } from '../errors.js';
import { invokeFunction, type InvokeResult } from '../exec/invoke.js';
import { spectest } from '../host/spectest.js';
import type { ExternVal, ModuleInstance } from '../runtime/instance.js';
import { instantiate } from '../runtime/instantiate.js';
import { showValue, type Value } from '../runtime/values.js';
import { featuresOf, type FeatureSet, type SpecVersion } from '../syntax/features.js';
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

/**
 * The spec version a script is judged by: a file inside a `wasm-2.0` folder
 * is a 2.0 script, anything else 3.0 (the current specification).
 */
export function specVersionOf(path: string): SpecVersion {
  return /(^|[\\/])wasm-2\.0([\\/])/.test(path) ? '2.0' : '3.0';
}

/**
 * Reads, parses and runs one .wast file, by the rules of `version` (default:
 * from its folder); a file that does not parse is one failure.
 */
export function runWastFile(path: string, version: SpecVersion = specVersionOf(path)): ScriptResult {
  const text = readFileSync(path, 'utf8');
  const features = featuresOf(version);
  let script: Script;
  try {
    script = parseWast(text, path, features);
  } catch (e) {
    const line = e instanceof ParseError ? e.line : 0;
    return { file: path, passed: 0, failed: 1, skipped: 0, failures: [{ file: path, line, command: 'parse', expected: 'a script', actual: describe(e) }] };
  }
  return runScript(script, features);
}

/** The outcome of one command: pass, or a failure's expected and actual text. */
type Outcome = { ok: true } | { ok: false; expected: string; actual: string };

const PASS: Outcome = { ok: true };
/** A command the runner does not know (a later script form the parser may hand over). */
const SKIP: Outcome = { ok: true };

function fail(expected: string, actual: string): Outcome {
  return { ok: false, expected, actual };
}

function describe(e: unknown): string {
  if (e instanceof WasmError) return `${e.name}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Runs a parsed script by the rules of a feature set (default: 3.0). */
export function runScript(script: Script, features: FeatureSet = featuresOf('3.0')): ScriptResult {
  return new Runner(script.file, features).run(script);
}

class Runner {
  private readonly registry = new Map<string, Map<string, ExternVal>>([['spectest', spectest()]]);
  private readonly named = new Map<string, ModuleInstance>();
  /** `module definition`s by name, and the latest one */
  private readonly definitions = new Map<string, Module>();
  private lastDefinition: Module | undefined;
  private current: ModuleInstance | undefined;
  private readonly result: ScriptResult;

  constructor(
    file: string,
    private readonly features: FeatureSet,
  ) {
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
        // a plain module is also a definition, which a later `module instance` may instantiate again
        const m = this.load(cmd.source);
        this.lastDefinition = m;
        if (cmd.name !== undefined) this.definitions.set(cmd.name, m);
        const inst = instantiate(m, this.registry);
        this.current = inst;
        if (cmd.name !== undefined) this.named.set(cmd.name, inst);
        return PASS;
      }
      case 'module_definition': {
        const m = this.load(cmd.source);
        this.lastDefinition = m;
        if (cmd.name !== undefined) this.definitions.set(cmd.name, m);
        return PASS;
      }
      case 'module_instance': {
        const def = cmd.definition === undefined ? this.lastDefinition : this.definitions.get(cmd.definition);
        if (def === undefined) throw new Error(cmd.definition === undefined ? 'no module definition' : `unknown module definition ${cmd.definition}`);
        const inst = instantiate(def, this.registry);
        this.current = inst;
        if (cmd.instance !== undefined) this.named.set(cmd.instance, inst);
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
        // every complete result vector the spec allows (relaxed SIMD choices); one must match
        const r = this.action(cmd.action);
        const want = cmd.expected.map(showExpected).join(' ');
        const vectors = r.alternatives ?? [r.values];
        const ok = vectors.some((values) => values.length === cmd.expected.length && values.every((v, i) => matches(v, cmd.expected[i]!)));
        return ok ? PASS : fail(want, vectors.map((values) => values.map(showValue).join(' ')).join(' | '));
      }
      case 'assert_trap':
        return this.expectError(() => this.action(cmd.action), Trap, cmd.message);
      case 'assert_exhaustion':
        return this.expectError(() => this.action(cmd.action), Exhaustion, cmd.message);
      case 'assert_exception':
        return this.expectError(() => this.action(cmd.action), UncaughtException, '');
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
    else if (source.kind === 'binary') m = decodeModule(source.bytes, this.features);
    else m = parseWat(source.text, undefined, this.features);
    validateModule(m, this.features);
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
      return { values: [v], nondeterministic: false, allowed: [{ kind: 'exact' }], reasons: [], alternatives: [[v]] };
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
