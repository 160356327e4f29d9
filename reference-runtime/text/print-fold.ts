// Instruction sequences in the folded S-expression form (spec 6.5.5), as
// `wasm2wat --fold-exprs` prints: each instruction wraps the instructions that
// produce its operands, `(i32.add (local.get 0) (i32.const 1))`. Folding is a
// textual abbreviation, so any nesting unfolds to the same sequence; arities
// are used only to nest where it reads true. Where operands cannot be matched
// (unknown arity, block parameters, unreachable code), earlier expressions stay
// unnested and are frozen so nothing later can wrongly adopt them.
import type { Instr } from '../syntax/instructions.js';
import { arityOf, blockParams, blockResults, type ArityContext } from './print-arity.js';
import { instrHead, isStructured, type InstrContext } from './print-instr.js';

interface Node {
  /** the S-expression's lines, unindented (first line opens, last line closes) */
  lines: string[];
  /** values it leaves on the stack for a consumer to fold, undefined when frozen */
  results: number | undefined;
}

const STEP = '  ';
const MAX_INLINE = 80;

/** The folded lines of an instruction sequence, each prefixed with `indent`. */
export function foldedLines(body: readonly Instr[], ctx: InstrContext, arity: ArityContext, indent: string): string[] {
  return foldSequence(body, ctx, arity).flatMap((n) => n.lines.map((l) => indent + l));
}

function foldSequence(body: readonly Instr[], ctx: InstrContext, arity: ArityContext): Node[] {
  const stack: Node[] = [];
  for (const i of body) {
    if (isStructured(i)) stack.push(foldStructured(i, stack, ctx, arity));
    else stack.push(foldPlain(i, stack, ctx, arity));
  }
  return stack;
}

function foldPlain(i: Instr, stack: Node[], ctx: InstrContext, arity: ArityContext): Node {
  const a = arityOf(i, arity);
  const children = a === undefined ? undefined : takeOperands(stack, a.params);
  return { lines: sexpr(instrHead(i, ctx), children ?? []), results: children === undefined ? undefined : a?.results };
}

function foldStructured(i: Instr, stack: Node[], ctx: InstrContext, arity: ArityContext): Node {
  const bt = i.blockType ?? { kind: 'empty' };
  const params = blockParams(bt, arity.types);
  const results = blockResults(bt, arity.types);
  // Block parameters come from the enclosing stack but cannot be written inside
  // the block's parentheses, so only an `if` without parameters folds its condition.
  const children = params === 0 && i.op === 'if' ? takeOperands(stack, 1) : params === 0 ? [] : undefined;
  if (children === undefined) freeze(stack);
  const label = i.op === 'loop' ? params : results;
  arity.labels.push(label ?? 0);
  const inner = (b: readonly Instr[]) => foldSequence(b, ctx, arity).flatMap((n) => n.lines);
  const head = instrHead(i, ctx);
  let lines: string[];
  if (i.op === 'if') {
    const thenPart = sexpr('then', [], inner(i.body ?? []));
    const elsePart = (i.elseBody?.length ?? 0) > 0 ? [sexpr('else', [], inner(i.elseBody ?? []))] : [];
    lines = sexpr(head, [...(children ?? []), thenPart, ...elsePart]);
  } else {
    lines = sexpr(head, [], inner(i.body ?? []));
  }
  arity.labels.pop();
  return { lines, results: children === undefined ? undefined : results };
}

/** The top `n` expressions when each yields exactly one value; otherwise freezes the stack. */
function takeOperands(stack: Node[], n: number): string[][] | undefined {
  if (n === 0) return [];
  const top = stack.slice(stack.length - n);
  if (stack.length < n || top.some((node) => node.results !== 1)) {
    freeze(stack);
    return undefined;
  }
  stack.length -= n;
  return top.map((node) => node.lines);
}

function freeze(stack: Node[]): void {
  for (const node of stack) node.results = undefined;
}

/**
 * `(head child...)` on one line when it fits, otherwise the head on its own
 * line and each child (and any body lines) indented beneath it.
 */
function sexpr(head: string, children: string[][], body: string[] = []): string[] {
  const oneLine = children.every((c) => c.length === 1) && body.length === 0;
  if (oneLine) {
    const text = `(${[head, ...children.map((c) => c[0])].join(' ')})`;
    if (text.length <= MAX_INLINE || children.length === 0) return [text];
  }
  const inner = [...children.flat(), ...body].map((l) => STEP + l);
  if (inner.length === 0) return [`(${head})`];
  inner[inner.length - 1] += ')';
  return [`(${head}`, ...inner];
}
