// The `name` custom section (spec appendix 7.4.1), both directions: module
// name (subsection 0), function names (1) and local names (2). A custom
// section's contents never make a module malformed, so a name section this
// decoder does not fully understand (bad UTF-8, unknown or misordered
// subsections, indices out of increasing order, a size mismatch) is reported as undefined and the caller keeps
// it as an ordinary custom section, byte for byte.
import { DecodeError } from '../errors.js';
import type { NameSection } from '../syntax/module.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

export const NAME_SECTION = 'name';

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;

export function decodeNameSection(bytes: Uint8Array): NameSection | undefined {
  try {
    return readNameSection(new Reader(bytes));
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

function readNameSection(r: Reader): NameSection | undefined {
  const names: NameSection = { funcs: new Map(), locals: new Map() };
  let last = -1;
  while (!r.atEnd()) {
    const id = r.byte();
    if (id <= last || id > LOCAL_NAMES) return undefined;
    last = id;
    r.sized(() => {
      if (id === MODULE_NAME) names.module = r.name();
      else if (id === FUNCTION_NAMES) readNameMap(r, names.funcs);
      else readIndirectNameMap(r, names.locals);
    });
  }
  return names;
}

function readIndirectNameMap(r: Reader, into: Map<number, Map<number, string>>): void {
  let last = -1;
  for (let n = r.len32(); n > 0; n--) {
    const at = r.pos;
    const func = r.u32();
    if (func <= last) r.fail('name map indices out of order', at);
    last = func;
    const map = new Map<number, string>();
    readNameMap(r, map);
    into.set(func, map);
  }
}

/** Indices must increase strictly, so that no name is lost or reordered. */
function readNameMap(r: Reader, into: Map<number, string>): void {
  let last = -1;
  for (let n = r.len32(); n > 0; n--) {
    const at = r.pos;
    const index = r.u32();
    if (index <= last) r.fail('name map indices out of order', at);
    last = index;
    into.set(index, r.name());
  }
}

/** The contents of a name section (without the section header and the name "name"). */
export function encodeNameSection(names: NameSection): Uint8Array {
  const w = new Writer();
  if (names.module !== undefined) w.byte(MODULE_NAME).sized(new Writer().name(names.module));
  if (names.funcs.size > 0) w.byte(FUNCTION_NAMES).sized(writeNameMap(new Writer(), names.funcs));
  const locals = [...names.locals].sort(([a], [b]) => a - b);
  if (locals.length > 0) {
    const sub = new Writer().u32(locals.length);
    for (const [func, map] of locals) writeNameMap(sub.u32(func), map);
    w.byte(LOCAL_NAMES).sized(sub);
  }
  return w.finish();
}

/** A name map in increasing index order, as the spec requires. */
function writeNameMap(w: Writer, map: Map<number, string>): Writer {
  const entries = [...map].sort(([a], [b]) => a - b);
  w.u32(entries.length);
  for (const [index, name] of entries) w.u32(index).name(name);
  return w;
}
