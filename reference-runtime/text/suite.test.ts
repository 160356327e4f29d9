// The whole 2.0 testsuite through the script and module parsers: every
// script parses, every text module in it is a parsed Module, and every
// quoted module that a script asserts to be malformed is rejected with a
// ParseError whose message starts with the assertion's text.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteFiles } from '../../harness/testsuite.js';
import { ParseError } from '../errors.js';
import { parseWat } from './parse-module.js';
import { parseWast } from './parse-script.js';

const files = suiteFiles('wasm-2.0');

describe.skipIf(files.length === 0)('wasm-2.0 testsuite (skipped when the testsuite is absent)', () => {
  it('parses every script, its text modules and rejects its malformed quoted modules', () => {
    let textModules = 0;
    let malformed = 0;
    let messageMatches = 0;
    const accepted: string[] = [];
    const otherMessage: string[] = [];
    for (const file of files) {
      const script = parseWast(readFileSync(file, 'utf8'), file);
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
          parseWat(c.source.text, where);
          accepted.push(where);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          if ((e as ParseError).message.startsWith(c.message)) messageMatches++;
          else otherMessage.push(`${where}: expected "${c.message}", got "${(e as ParseError).message}"`);
        }
      }
    }
    console.log(`${files.length} scripts, ${textModules} text modules, ${malformed} malformed quoted modules, ${messageMatches} with the expected message`);
    // No quoted module of the 2.0 suite is malformed only at a later stage: all are rejected here.
    expect(accepted).toEqual([]);
    expect(otherMessage).toEqual([]);
    expect(textModules).toBeGreaterThan(3000);
    expect(malformed).toBeGreaterThan(1000);
  }, 120_000);

  it('parses the quoted modules that scripts do not expect to be malformed', () => {
    let parsed = 0;
    for (const file of files) {
      for (const c of parseWast(readFileSync(file, 'utf8'), file).commands) {
        if (!('source' in c) || c.source.kind !== 'quote' || c.kind === 'assert_malformed') continue;
        expect(() => parseWat(c.source.kind === 'quote' ? c.source.text : '', `${basename(file)}:${c.line}`)).not.toThrow();
        parsed++;
      }
    }
    expect(parsed).toBeGreaterThan(0);
  }, 120_000);
});
