// The whole 2.0 testsuite and the 3.0 suite (its part-1 files, and its typed
// reference and GC files) through the script and module parsers, each with
// its version's feature set: every
// script parses, every text module in it is a parsed Module, and every quoted
// module that a script asserts to be malformed is rejected with a ParseError
// whose message starts with the assertion's text.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPart1Script, part1Files, suiteFiles } from '../../harness/testsuite.js';
import { ParseError } from '../errors.js';
import type { FeatureSet } from '../syntax/features.js';
import { WASM_2_0, WASM_3_0 } from '../syntax/features.js';
import { parseWat } from './parse-module.js';
import { parseWast } from './parse-script.js';

const suites: { name: string; files: string[]; features: FeatureSet; textModules: number; malformed: number }[] = [
  { name: 'wasm-2.0 testsuite', files: suiteFiles('wasm-2.0'), features: WASM_2_0, textModules: 3000, malformed: 1000 },
  { name: 'wasm-3.0 testsuite, part-1 files', files: part1Files(), features: WASM_3_0, textModules: 3000, malformed: 1100 },
  {
    name: 'wasm-3.0 testsuite, typed-reference and GC files',
    files: suiteFiles('wasm-3.0').filter((f) => !isPart1Script(readFileSync(f, 'latin1'))),
    features: WASM_3_0,
    textModules: 1000,
    malformed: 25,
  },
];

for (const suite of suites) {
  const { files, features } = suite;
  describe.skipIf(files.length === 0)(`${suite.name} (skipped when the testsuite is absent)`, () => {
    it('parses every script, its text modules and rejects its malformed quoted modules', () => {
      let textModules = 0;
      let malformed = 0;
      let messageMatches = 0;
      const accepted: string[] = [];
      const otherMessage: string[] = [];
      for (const file of files) {
        const script = parseWast(readFileSync(file, 'utf8'), file, features);
        expect(script.commands.length, basename(file)).toBeGreaterThan(0);
        for (const c of script.commands) {
          expect(c.line).toBeGreaterThan(0);
          if ('source' in c && c.source.kind === 'text') {
            expect(Array.isArray(c.source.module.funcs)).toBe(true);
            textModules++;
          }
          if (c.kind !== 'assert_malformed' || c.source.kind !== 'quote') continue;
          malformed++;
          const where = `${basename(file)}:${c.line}`;
          try {
            parseWat(c.source.text, where, features);
            accepted.push(where);
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError);
            if ((e as ParseError).message.startsWith(c.message)) messageMatches++;
            else otherMessage.push(`${where}: expected "${c.message}", got "${(e as ParseError).message}"`);
          }
        }
      }
      console.log(`${suite.name}: ${files.length} scripts, ${textModules} text modules, ${malformed} malformed quoted modules, ${messageMatches} with the expected message`);
      // No quoted module of these scripts is malformed only at a later stage: all are rejected here.
      expect(accepted).toEqual([]);
      expect(otherMessage).toEqual([]);
      expect(textModules).toBeGreaterThan(suite.textModules);
      expect(malformed).toBeGreaterThan(suite.malformed);
    }, 120_000);

    it('parses the quoted modules that scripts do not expect to be malformed', () => {
      let parsed = 0;
      for (const file of files) {
        for (const c of parseWast(readFileSync(file, 'utf8'), file, features).commands) {
          if (!('source' in c) || c.source.kind !== 'quote' || c.kind === 'assert_malformed') continue;
          expect(() => parseWat(c.source.kind === 'quote' ? c.source.text : '', `${basename(file)}:${c.line}`, features)).not.toThrow();
          parsed++;
        }
      }
      expect(parsed).toBeGreaterThan(0);
    }, 120_000);
  });
}
