// The decoder robustness property at scale (by 3.0 and by 2.0 rules), with
// the testsuite's modules as extra seeds: 2.0, and 3.0 as wast2json
// --enable-all writes them when wast2json is installed, and the 3.0 scripts'
// text modules as the project parses them (GC and typed references included)
// and binary literals.
// Run: npx tsx reference-runtime/binary/fuzz.bench.ts [runs] [seed]
import { performance } from 'node:perf_hooks';
import { suiteFiles } from '../../harness/testsuite.js';
import { runDecodeFuzz } from './fuzz.js';
import { suiteSeeds30 } from './suite-seeds.js';
import { convertScript, hasWast2json } from './wabt-fixtures.js';

const runs = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] === undefined ? Date.now() % 2 ** 31 : Number(process.argv[3]);
const modules = (f: string, all: boolean) => convertScript(f, { all }).binaries.filter((b) => b.kind === 'module').map((b) => b.bytes);
const wabtSeeds = hasWast2json ? [...suiteFiles('wasm-2.0').flatMap((f) => modules(f, false)), ...suiteFiles('wasm-3.0').flatMap((f) => modules(f, true))] : [];
const extraSeeds = [...wabtSeeds, ...suiteSeeds30(suiteFiles('wasm-3.0'))];
console.log(`decode fuzz: ${runs} runs, seed ${seed}, ${extraSeeds.length} testsuite modules as extra seeds`);
const start = performance.now();
runDecodeFuzz({ numRuns: runs, seed, extraSeeds });
const ms = performance.now() - start;
console.log(`ok in ${(ms / 1000).toFixed(1)} s (${Math.round(runs / (ms / 1000))} inputs/s)`);
