// Real modules of the Wasm 3.0 testsuite as fuzz seeds, without wabt (which
// cannot read the GC and typed-reference scripts): every text module the
// project's parser reads, encoded, and every binary module a script writes
// as bytes. Scripts the parser cannot read give only their binary literals.
import { readFileSync } from 'node:fs';
import { WASM_3_0 } from '../syntax/features.js';
import { parseWast } from '../text/parse-script.js';
import { encodeModule } from './encode.js';
import { binaryModules } from './wast-binaries.js';

export function suiteSeeds30(files: readonly string[]): Uint8Array[] {
  const seeds: Uint8Array[] = [];
  for (const file of files) {
    seeds.push(...binaryModules(file).filter((b) => b.kind !== 'assert_malformed').map((b) => b.bytes));
    try {
      for (const c of parseWast(readFileSync(file, 'utf8'), file, WASM_3_0).commands) {
        if ('source' in c && c.source.kind === 'text') seeds.push(encodeModule(c.source.module));
      }
    } catch {
      // the text parser's business: this script contributes its binary literals only
    }
  }
  return seeds;
}
