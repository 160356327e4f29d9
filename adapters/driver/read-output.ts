// Reads what a driver module wrote (build-driver.ts gives the format) back
// into per-invocation results. Lines that are not the driver's (a runtime's
// own error text on stdout) are kept apart: they carry the trap message.
import type { ValType } from '../../reference-runtime/syntax/types.js';
import type { ResultValue } from '../plan.js';
import { parseHexValue } from '../values.js';

export interface DriverOutput {
  /** Results of the invocations that returned, by plan index. */
  results: Map<number, ResultValue[]>;
  /** The last invocation whose marker was written without its results: the one that stopped the run. */
  stopped?: number;
  /** Any marker was written (so instantiation succeeded). */
  started: boolean;
  /** The `!` line: every invocation ran. */
  finished: boolean;
  /** Lines that are not the driver's, in order. */
  other: string[];
}

/** `resultTypes(i)`: the result types of invocation i (undefined: not in this plan). */
export function readDriverOutput(stdout: string, resultTypes: (i: number) => readonly ValType[] | undefined): DriverOutput {
  const out: DriverOutput = { results: new Map(), started: false, finished: false, other: [] };
  const lines = stdout.split('\n');
  // a last line without its newline was cut off (the process died mid-write)
  const complete = lines.slice(0, -1);
  const tail = lines[lines.length - 1]!;
  let open: number | undefined;
  for (const line of complete) {
    const marker = /^@([0-9a-f]{8})$/.exec(line);
    if (marker) {
      open = parseInt(marker[1]!, 16);
      out.started = true;
      continue;
    }
    if (line.startsWith('=') && open !== undefined) {
      const values = parseResults(line.slice(1), resultTypes(open));
      if (values !== undefined) {
        out.results.set(open, values);
        open = undefined;
        continue;
      }
    }
    if (line === '!' && open === undefined) {
      out.finished = true;
      continue;
    }
    out.other.push(line);
  }
  if (tail !== '' && !/^[@=!]/.test(tail)) out.other.push(tail);
  if (open !== undefined) out.stopped = open;
  return out;
}

function parseResults(text: string, types: readonly ValType[] | undefined): ResultValue[] | undefined {
  if (types === undefined) return undefined;
  const parts = text === '' ? [] : text.slice(1).split(' ');
  if (!text.startsWith(' ') && text !== '') return undefined;
  if (parts.length !== types.length) return undefined;
  const values: ResultValue[] = [];
  for (let k = 0; k < types.length; k++) {
    const v = parseHexValue(types[k]!, parts[k]!);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}
