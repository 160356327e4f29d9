// `wasmdiff wat2wasm` and `wasmdiff wasm2wat`: the reference runtime's own
// text and binary format layer, exposed for users and for reproducing findings.
import type { Command } from 'commander';
import { DecodeError } from '../../../reference-runtime/errors.js';
import { decodeModule } from '../../../reference-runtime/binary/decode.js';
import { encodeModule } from '../../../reference-runtime/binary/encode.js';
import { parseWat } from '../../../reference-runtime/text/parse-module.js';
import { printModule } from '../../../reference-runtime/text/print.js';
import { readInput, readText, writeOutput } from '../../io/files.js';
import { UserError } from '../run.js';

export function registerConvert(program: Command): void {
  program
    .command('wat2wasm')
    .description('assemble a WebAssembly text module (.wat) into binary (.wasm)')
    .argument('<in>', 'input .wat file')
    .requiredOption('-o, --output <file>', 'output .wasm file')
    .option('--debug-names', 'emit a name section with the identifiers of the text')
    .action((input: string, opts: { output: string; debugNames?: boolean }) => {
      const module = parseWat(readText(input), input);
      writeOutput(opts.output, encodeModule(module, { names: opts.debugNames === true }));
    });

  program
    .command('wasm2wat')
    .description('print a WebAssembly binary module (.wasm) as text (.wat)')
    .argument('<in>', 'input .wasm file')
    .option('-o, --output <file>', 'output .wat file (default: standard output)')
    .option('-f, --fold-exprs', 'print instructions in folded form')
    .action((input: string, opts: { output?: string; foldExprs?: boolean }) => {
      const text = printModule(decodeBinary(input), { foldExprs: opts.foldExprs === true });
      if (opts.output === undefined) process.stdout.write(text);
      else writeOutput(opts.output, text);
    });
}

function decodeBinary(path: string) {
  const bytes = readInput(path);
  try {
    return decodeModule(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    if (err instanceof DecodeError) {
      throw new UserError(`${path}: malformed module at byte 0x${err.offset.toString(16)}: ${err.message}`);
    }
    throw err;
  }
}
