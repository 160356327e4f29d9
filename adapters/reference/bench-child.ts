// The child process of the reference interpreter's bench runs:
//   node bench-child.js FILE ARGV0 ARGS...
// Times decode + validate (compile), instantiate and `_start` (execute) apart,
// writes the program's output as it comes, and the phases on the last stderr line.
import { readFileSync, writeSync } from 'node:fs';
import { decode, instantiate, invoke, validate } from '../../reference-runtime/api.js';
import { PHASES_MARK } from '../bench-timed.js';
import { WasiExit, wasiHost } from './bench-wasi.js';

const [file, argv0, ...args] = process.argv.slice(2);
const t0 = performance.now();
const module = decode(readFileSync(file!));
validate(module);
const t1 = performance.now();
const host = wasiHost(module, [argv0!, ...args], (fd, bytes) => writeSync(fd, bytes));
const instance = instantiate(module, host.imports);
host.bind(instance);
const t2 = performance.now();
let code = 0;
try {
  invoke(instance, '_start', []);
} catch (err) {
  if (!(err instanceof WasiExit)) throw err;
  code = err.code;
}
const t3 = performance.now();
writeSync(2, `\n${PHASES_MARK}${JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1, execute: t3 - t2 })}\n`);
process.exitCode = code;
