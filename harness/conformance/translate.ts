// Turns a parsed .wast script into what the adapters can run: one plan per
// module instance (every assertion and action on it becomes one invocation of
// that plan, so a command-line runtime starts one process per module, not
// per assertion), one plan without invocations per module-level assertion,
// and for every script command one Check that says what the assertion
// expects. Commands no plan can express (cross-module linking, global reads,
// host references, text-format assertions) get their reason here, for every
// runtime alike.
import { decodeModule } from '../../reference-runtime/binary/decode.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import type { Module } from '../../reference-runtime/syntax/module.js';
import type { Action, Command, ModuleSource, Script, WastConst, WastExpected } from '../../reference-runtime/syntax/script.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import type { FeatureName } from '../../adapters/adapter.js';
import type { ArgValue, Invocation } from '../../adapters/plan.js';
import { funcType } from '../../adapters/resolve.js';
import { heapOf, isNullable, isRefType, type RefType, type ValType } from '../../reference-runtime/syntax/types.js';
import { featuresUsed } from './features.js';
import { importsInside } from './imports-inside.js';

/** What a command's assertion accepts. */
export type Expectation =
  /** the module decodes, validates and instantiates */
  | { kind: 'instantiates' }
  /** the invocation returns (any values: a bare action) */
  | { kind: 'returns' }
  | { kind: 'values'; expected: WastExpected[] }
  | { kind: 'trap'; message: string }
  | { kind: 'exhaustion'; message: string }
  /** a wasm exception escapes the invocation (assert_exception) */
  | { kind: 'exception' }
  | { kind: 'verdict'; verdict: 'malformed' | 'invalid' | 'unlinkable' | 'uninstantiable'; message: string };

export interface Check {
  line: number;
  /** The command's keyword, e.g. `assert_return`. */
  command: string;
  /** A short text of the command, e.g. `assert_return (invoke "add" i32:1 i32:2)`. */
  text: string;
  expect: Expectation;
  /** Why no runtime can run it (set here, or later when the oracle under plan semantics disagrees). */
  unsupported?: string;
  /** The unit that runs it and, for an invocation, its index in the unit's plan. */
  unit?: number;
  invocation?: number;
}

export interface Unit {
  /** `instance`: a module command and the invocations on it; `verdict`: a module-level assertion. */
  kind: 'instance' | 'verdict';
  line: number;
  bytes: Uint8Array;
  module: Module | undefined;
  invocations: Invocation[];
  /** The check of each invocation, by invocation index. */
  invocationChecks: number[];
  /** The check judged by the module verdict (the module command, or the module assertion). */
  moduleCheck: number;
  features: FeatureName[];
  /** Registered modules whose definitions were copied in for its imports (imports-inside.ts): their state is copied, not shared. */
  copiedFrom?: string[];
  /** Its imports were defined inside it (imports-inside.ts): it is the harness's module, not the script's. */
  importsDefinedInside?: boolean;
}

export interface ScriptPlan {
  file: string;
  units: Unit[];
  checks: Check[];
}

export const REASON_QUOTE = 'text-format assertion, no binary to run';
export const REASON_REGISTER = 'register: cross-module linking is not expressible as a plan';
export const REASON_GET = 'global read (get): not expressible as a plan invocation';
export const REASON_HOST_REF = 'host reference (ref.extern N, ref.host N): not expressible as a plan argument or result';
/**
 * What the plan cannot pass: it passes a reference only as a null constant
 * (results of every reference type are observed, through the driver's
 * projection: driver/ref-projection.ts).
 */
export const REASON_GC_REF = 'a parameter of a non-nullable reference type, or a null of a concrete type index: the plan passes references only as null constants of abstract heap types';
export const REASON_IMPORTS =
  'imports what cannot be defined inside it (a shared memory, table or mutable global, a function reaching outside itself, or what its provider lacks): not linkable by the plan runner (no imports are provided)';
/** 3.0 script forms the differential run does not express as plans yet: unsupported, never silently dropped. */
export const REASON_30_SCRIPT = '3.0 script form (module definition/instance): not yet run across runtimes';
export const REASON_UNLINKABLE = 'assert_unlinkable: a linking test, and the plan runner provides no imports';

export function translateScript(script: Script): ScriptPlan {
  return new Translator(script.file).run(script);
}

type Source = { ok: true; bytes: Uint8Array; module: Module | undefined; copiedFrom?: string[]; definedInside?: boolean } | { ok: false; reason: string };

class Translator {
  private readonly units: Unit[] = [];
  private readonly checks: Check[] = [];
  /** Unit index of the current module and of named ones; `undefined` unit with a reason when the module is not runnable. */
  private current: { unit?: number; reason?: string } | undefined;
  private readonly named = new Map<string, { unit?: number; reason?: string }>();
  /** Modules registered so far, by the name they were registered as. */
  private readonly registered = new Map<string, Module>();

  constructor(private readonly file: string) {}

  run(script: Script): ScriptPlan {
    for (const cmd of script.commands) this.command(cmd);
    return { file: this.file, units: this.units, checks: this.checks };
  }

  private command(cmd: Command): void {
    switch (cmd.kind) {
      case 'module': {
        const check = this.addCheck(cmd, { kind: 'instantiates' }, `module${cmd.name ? ` ${cmd.name}` : ''}`);
        const src = this.source(cmd.source);
        const target = src.ok ? { unit: this.addUnit('instance', cmd.line, src, check) } : { reason: src.reason };
        if (!src.ok) this.checks[check]!.unsupported = src.reason;
        this.current = target;
        if (cmd.name !== undefined) this.named.set(cmd.name, target);
        return;
      }
      case 'register': {
        this.addCheck(cmd, { kind: 'returns' }, `register "${cmd.as}"`, REASON_REGISTER);
        // what it exports may still be copied into the modules that import it (imports-inside.ts)
        const target = cmd.module === undefined ? this.current : this.named.get(cmd.module);
        const module = target?.unit === undefined ? undefined : this.units[target.unit]!.module;
        if (module !== undefined) this.registered.set(cmd.as, module);
        else this.registered.delete(cmd.as);
        return;
      }
      case 'action':
        return this.invocation(cmd, cmd.action, { kind: 'returns' });
      case 'assert_return':
        return this.invocation(cmd, cmd.action, { kind: 'values', expected: cmd.expected }, cmd.expected.some(isHostExpected), cmd.expected.some(isGcExpected));
      case 'assert_trap':
        return this.invocation(cmd, cmd.action, { kind: 'trap', message: cmd.message });
      case 'assert_exhaustion':
        return this.invocation(cmd, cmd.action, { kind: 'exhaustion', message: cmd.message });
      case 'assert_trap_module':
      case 'assert_uninstantiable':
        return this.moduleAssertion(cmd, cmd.source, { kind: 'verdict', verdict: 'uninstantiable', message: cmd.message });
      case 'assert_unlinkable':
        return this.moduleAssertion(cmd, cmd.source, { kind: 'verdict', verdict: 'unlinkable', message: cmd.message });
      case 'assert_invalid':
        return this.moduleAssertion(cmd, cmd.source, { kind: 'verdict', verdict: 'invalid', message: cmd.message });
      case 'module_definition':
        this.addCheck(cmd, { kind: 'returns' }, `module definition${cmd.name ? ` ${cmd.name}` : ''}`, REASON_30_SCRIPT);
        return;
      case 'module_instance': {
        this.addCheck(cmd, { kind: 'instantiates' }, `module instance${cmd.instance ? ` ${cmd.instance}` : ''}`, REASON_30_SCRIPT);
        // later actions on this instance are unsupported too, not run against an earlier module
        this.current = { reason: REASON_30_SCRIPT };
        if (cmd.instance !== undefined) this.named.set(cmd.instance, this.current);
        return;
      }
      case 'assert_exception':
        return this.invocation(cmd, cmd.action, { kind: 'exception' });
      case 'assert_malformed':
        if (cmd.source.kind === 'quote') {
          this.addCheck(cmd, { kind: 'verdict', verdict: 'malformed', message: cmd.message }, `assert_malformed (module quote) "${cmd.message}"`, REASON_QUOTE);
          return;
        }
        return this.moduleAssertion(cmd, cmd.source, { kind: 'verdict', verdict: 'malformed', message: cmd.message });
    }
  }

  private invocation(cmd: Command, action: Action, expect: Expectation, hostRefResult = false, gcResult = false): void {
    const text = `${cmd.kind} ${describeAction(action)}`;
    const check = this.addCheck(cmd, expect, text);
    const target = action.module === undefined ? this.current : this.named.get(action.module);
    const reason =
      target === undefined
        ? `no module ${action.module ?? 'defined'} before this command`
        : target.reason ??
          (action.kind === 'get'
            ? REASON_GET
            : hostRefResult || action.args.some((a) => a.type === 'ref.extern' || a.type === 'ref.host')
              ? REASON_HOST_REF
              : gcResult || action.args.some((a) => a.type === 'ref.null' && isConcreteNull(a.refType))
                ? REASON_GC_REF
                : undefined);
    if (reason !== undefined || target?.unit === undefined || action.kind !== 'invoke') {
      this.checks[check]!.unsupported = reason ?? 'not expressible';
      return;
    }
    const unit = this.units[target.unit]!;
    const c = this.checks[check]!;
    if (unit.module !== undefined && !planObservable(unit.module, action.name)) {
      c.unsupported = REASON_GC_REF;
      return;
    }
    c.unit = target.unit;
    c.invocation = unit.invocations.push({ export: action.name, args: action.args.map(argValue) }) - 1;
    unit.invocationChecks.push(check);
  }

  private moduleAssertion(cmd: Command, source: ModuleSource, expect: Expectation & { kind: 'verdict' }): void {
    const check = this.addCheck(cmd, expect, `${cmd.kind} "${expect.message}"`);
    // an invalid or malformed module is rejected before anything is linked:
    // its imports do not matter; spectest defined inside would make a
    // linking test link
    const imports = expect.verdict === 'invalid' || expect.verdict === 'malformed' ? 'as-is' : expect.verdict === 'unlinkable' ? 'refuse' : 'inside';
    const src = this.source(source, imports);
    if (!src.ok) this.checks[check]!.unsupported = src.reason;
    else this.addUnit('verdict', cmd.line, src, check);
  }

  private addCheck(cmd: Command, expect: Expectation, text: string, unsupported?: string): number {
    return this.checks.push({ line: cmd.line, command: cmd.kind, text, expect, ...(unsupported ? { unsupported } : {}) }) - 1;
  }

  private addUnit(kind: Unit['kind'], line: number, src: Source & { ok: true }, check: number): number {
    const index = this.units.length;
    this.units.push({
      kind,
      line,
      bytes: src.bytes,
      module: src.module,
      invocations: [],
      invocationChecks: [],
      moduleCheck: check,
      features: src.module ? featuresUsed(src.module) : [],
      ...(src.copiedFrom ? { copiedFrom: src.copiedFrom } : {}),
      ...(src.definedInside ? { importsDefinedInside: true } : {}),
    });
    this.checks[check]!.unit = index;
    return index;
  }

  /**
   * The module's bytes (and syntax, when it has any). A plan provides no
   * imports: with `inside`, a module whose imports can be defined inside it
   * (from spectest, or copied from a registered module: imports-inside.ts)
   * gets them so; any other cannot be linked by a plan. `as-is` keeps the imports (a
   * module expected to be rejected before linking).
   */
  private source(source: ModuleSource, imports: 'inside' | 'as-is' | 'refuse' = 'inside'): Source {
    let module: Module | undefined;
    let bytes: Uint8Array;
    try {
      if (source.kind === 'binary') {
        bytes = source.bytes;
        module = tryDecode(bytes);
      } else {
        module = source.kind === 'text' ? source.module : parseWat(source.text, this.file);
        bytes = encodeModule(module);
      }
    } catch (e) {
      return { ok: false, reason: `the module cannot be encoded as a binary: ${(e as Error).message}` };
    }
    if (module === undefined || module.imports.length === 0 || imports === 'as-is') return { ok: true, bytes, module };
    const defined = imports === 'inside' ? importsInside(module, this.registered) : undefined;
    if (defined === undefined) return { ok: false, reason: imports === 'inside' ? REASON_IMPORTS : REASON_UNLINKABLE };
    const copiedFrom = [...new Set(module.imports.map((i) => i.module).filter((m) => m !== 'spectest'))];
    return { ok: true, bytes: encodeModule(defined), module: defined, definedInside: true, ...(copiedFrom.length > 0 ? { copiedFrom } : {}) };
  }
}

/** A malformed binary has no syntax: its features and opcodes stay unknown. */
function tryDecode(bytes: Uint8Array): Module | undefined {
  try {
    return decodeModule(bytes);
  } catch {
    return undefined;
  }
}

/** A `(ref.null N)` of a type index: it names no type outside a module. */
function isConcreteNull(t: RefType): boolean {
  return typeof heapOf(t) === 'number';
}

/**
 * Whether the driver can pass the parameters of an exported function: a
 * plan passes references only as null constants, so not a non-nullable
 * reference. Every result is observable (references through the projection).
 */
function planObservable(module: Module, name: string): boolean {
  const exp = module.exports.find((e) => e.kind === 'func' && e.name === name);
  const type = exp === undefined ? undefined : funcType(module, exp.index);
  const ok = (t: ValType): boolean => !isRefType(t) || isNullable(t);
  return type === undefined || type.params.every(ok);
}

/** An expected result that names a host reference's identity. */
function isHostExpected(e: WastExpected): boolean {
  if (e.type === 'either') return e.options.some(isHostExpected);
  return e.type === 'ref.extern' || e.type === 'ref.host';
}

/** An expected result the projection cannot judge: a null of a type index. */
function isGcExpected(e: WastExpected): boolean {
  if (e.type === 'either') return e.options.some(isGcExpected);
  return e.type === 'ref.null' && isConcreteNull(e.refType);
}

/** A script constant as a plan argument (host references excluded by the caller). */
export function argValue(c: WastConst): ArgValue {
  switch (c.type) {
    case 'i32':
      return { type: 'i32', bits: c.value >>> 0 };
    case 'i64':
      return { type: 'i64', bits: BigInt.asUintN(64, c.value) };
    case 'f32':
      return { type: 'f32', bits: c.bits >>> 0 };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, c.bits) };
    case 'v128':
      return { type: 'v128', bytes: c.bytes };
    case 'ref.null':
      return { type: c.refType, null: true };
    case 'ref.extern':
    case 'ref.host':
      throw new Error(`${c.type} is not a plan argument`);
  }
}

function describeAction(a: Action): string {
  const target = a.module ? `${a.module} ` : '';
  if (a.kind === 'get') return `(get ${target}"${a.name}")`;
  const args = a.args.map((c) => (c.type === 'ref.extern' || c.type === 'ref.host' ? `${c.type}:${c.value}` : c.type === 'ref.null' ? `${c.refType}:null` : showConst(c)));
  return `(invoke ${target}"${a.name}"${args.map((s) => ` ${s}`).join('')})`;
}

function showConst(c: WastConst): string {
  switch (c.type) {
    case 'i32':
      return `i32:${c.value}`;
    case 'i64':
      return `i64:${c.value}`;
    case 'f32':
      return `f32:0x${(c.bits >>> 0).toString(16)}`;
    case 'f64':
      return `f64:0x${c.bits.toString(16)}`;
    case 'v128':
      return `v128:${[...c.bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    default:
      return c.type;
  }
}
