// The decoder robustness property at scale (by 3.0 and by 2.0 rules), with
// the testsuite's modules (2.0, and 3.0 as wast2json --enable-all writes
// them) as extra seeds when wast2json and the testsuite are available.
// Run: npx tsx reference-runtime/binary/fuzz.bench.ts [runs] [seed]
import { performance } from 'node:perf_hooks';
import { suiteFiles } from '../../harness/testsuite.js';
import { runDecodeFuzz } from './fuzz.js';
import { convertScript, hasWast2json } from './wabt-fixtures.js';

const runs = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] === undefined ? Date.now() % 2 ** 31 : Number(process.argv[3]);
const modules = (f: string, all: boolean) => convertScript(f, { all }).binaries.filter((b) => b.kind === 'module').map((b) => b.bytes);
const extraSeeds = hasWast2json ? [...suiteFiles('wasm-2.0').flatMap((f) => modules(f, false)), ...suiteFiles('wasm-3.0').flatMap((f) => modules(f, true))] : [];
console.log(`decode fuzz: ${runs} runs, seed ${seed}, ${extraSeeds.length} testsuite modules as extra seeds`);
const start = performance.now();
runDecodeFuzz({ numRuns: runs, seed, extraSeeds });
const ms = performance.now() - start;
console.log(`ok in ${(ms / 1000).toFixed(1)} s (${Math.round(runs / (ms / 1000))} inputs/s)`);
