// How long the format layer takes over the whole Wasm 2.0 spec testsuite:
// parse every .wast script, encode every text module, decode the bytes again,
// and print each decoded module. Medians of several rounds, one process.
// Run: npx tsx reference-runtime/bench/format.bench.ts [rounds]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { suiteFiles } from '../../harness/testsuite.js';
import { decodeModule } from '../binary/decode.js';
import { encodeModule } from '../binary/encode.js';
import { parseWast } from '../text/parse-script.js';
import { printModule } from '../text/print.js';
import type { Module } from '../syntax/module.js';

const rounds = Number(process.argv[2] ?? 5);
const files = suiteFiles('wasm-2.0');
if (files.length === 0) {
  console.error('format.bench: the wasm-2.0 testsuite was not found (set WASMDIFF_TESTSUITE)');
  process.exit(2);
}
const sources = files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
const bytesTotal = sources.reduce((n, s) => n + s.text.length, 0);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

const samples = { parse: [] as number[], encode: [] as number[], decode: [] as number[], print: [] as number[] };
let moduleCount = 0;
for (let round = 0; round < rounds; round++) {
  const [modules, parseMs] = time(() => {
    const out: Module[] = [];
    for (const { file, text } of sources) {
      for (const c of parseWast(text, file).commands) {
        // modules of `module` commands and of module assertions (invalid, unlinkable, ...)
        if ('source' in c && c.source.kind === 'text') out.push(c.source.module);
      }
    }
    return out;
  });
  const [binaries, encodeMs] = time(() => modules.map((m) => encodeModule(m)));
  const [decoded, decodeMs] = time(() => binaries.map((b) => decodeModule(b)));
  const [, printMs] = time(() => decoded.map((m) => printModule(m)));
  samples.parse.push(parseMs);
  samples.encode.push(encodeMs);
  samples.decode.push(decodeMs);
  samples.print.push(printMs);
  moduleCount = modules.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`wasm-2.0 suite: ${files.length} files, ${(bytesTotal / 1e6).toFixed(1)} MB of text, ${moduleCount} text modules; median of ${rounds} rounds`);
for (const [phase, xs] of Object.entries(samples)) console.log(`  ${phase.padEnd(7)} ${median(xs).toFixed(0).padStart(6)} ms`);
const total = median(samples.parse) + median(samples.encode);
console.log(`  parse+encode ${total.toFixed(0)} ms`);
