// The printer's public API: a decoded (or generated) module as readable WAT,
// exact enough that parsing the text gives back the same module, and single
// instructions for showing one step of a finding.
import type { Instr } from '../syntax/instructions.js';
import { flatLines } from './print-body.js';
import { NUMERIC_CONTEXT } from './print-instr.js';

export { printModule, type PrintOptions } from './print-module.js';

/**
 * One instruction in the flat text form, with indices as numbers. A block,
 * loop or if prints whole: its head, its indented body lines and `end`.
 */
export function printInstr(i: Instr): string {
  return flatLines([i], NUMERIC_CONTEXT, '').join('\n');
}
