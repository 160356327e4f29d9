// The binary modules a .wast script writes out as bytes (`(module binary
// "..." ...)`, also inside assertions), read with the project's lexer alone:
// for scripts wabt 1.0.32 cannot convert (the Wasm 3.0 suite), the decoder's
// tests get the suite's own bytes without depending on the text parser.
import { concatBytes } from '../text/concat-bytes.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tokenize, type Token } from '../text/lexer.js';
import type { SuiteBinary } from './wabt-fixtures.js';

const ASSERTIONS = new Set<string>(['assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable']);

/** Every binary module of a script, with the command it belongs to (assert_trap on a module counts as 'module'). */
export function binaryModules(file: string): SuiteBinary[] {
  const tokens = tokenize(readFileSync(file, 'utf8'), file);
  const out: SuiteBinary[] = [];
  let i = 0;
  while (i < tokens.length && tokens[i]!.kind !== 'eof') {
    const end = closing(tokens, i);
    const found = command(tokens, i);
    if (found !== undefined) out.push({ where: `${basename(file)}:${tokens[i]!.line}`, ...found });
    i = end + 1;
  }
  return out;
}

/** The index of the parenthesis closing the one at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const k = tokens[i]!.kind;
    if (k === 'lparen') depth++;
    else if (k === 'rparen' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses at line ${tokens[open]!.line}`);
}

function keywordAt(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  return t?.kind === 'keyword' ? t.text : undefined;
}

/** A top-level command's binary module and assertion, if it has one. */
function command(tokens: Token[], open: number): Omit<SuiteBinary, 'where'> | undefined {
  const head = keywordAt(tokens, open + 1);
  if (head === 'module') {
    const bytes = binaryOf(tokens, open);
    return bytes === undefined ? undefined : { kind: 'module', bytes };
  }
  if (head === undefined || !(ASSERTIONS.has(head) || head === 'assert_trap') || keywordAt(tokens, open + 3) !== 'module') return undefined;
  const bytes = binaryOf(tokens, open + 2);
  if (bytes === undefined) return undefined;
  if (head === 'assert_trap') return { kind: 'module', bytes };
  const message = tokens[closing(tokens, open + 2) + 1];
  return { kind: head as SuiteBinary['kind'], ...(message?.kind === 'string' ? { text: utf8(message.bytes!) } : {}), bytes };
}

/** The bytes of `(module [definition] [$id] binary "..."*)` opening at `open`, or undefined for other module forms. */
function binaryOf(tokens: Token[], open: number): Uint8Array | undefined {
  let i = open + 2;
  if (keywordAt(tokens, i) === 'definition') i++;
  if (tokens[i]?.kind === 'id') i++;
  if (keywordAt(tokens, i) !== 'binary') return undefined;
  const parts: Uint8Array[] = [];
  for (i++; tokens[i]?.kind === 'string'; i++) parts.push(tokens[i]!.bytes!);
  return concatBytes(parts);
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
