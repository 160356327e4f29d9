// Instruction sequences in the flat (linear) text form, as wasm2wat prints by
// default: one instruction per line, block bodies indented, closed by `end`.
import type { Instr } from '../syntax/instructions.js';
import { instrHead, isStructured, type InstrContext } from './print-instr.js';

/** The lines of an instruction sequence, each prefixed with `indent`. */
export function flatLines(body: readonly Instr[], ctx: InstrContext, indent: string, step = '  '): string[] {
  const lines: string[] = [];
  const emit = (instrs: readonly Instr[], pad: string): void => {
    for (const i of instrs) {
      lines.push(pad + instrHead(i, ctx));
      if (!isStructured(i)) continue;
      emit(i.body ?? [], pad + step);
      if (i.op === 'if' && (i.elseBody?.length ?? 0) > 0) {
        lines.push(pad + 'else');
        emit(i.elseBody ?? [], pad + step);
      }
      lines.push(pad + 'end');
    }
  };
  emit(body, indent);
  return lines;
}
