// The outcome of parsing text that should not parse, for the text parser's tests.
import { ParseError } from '../errors.js';
import type { FeatureSet } from '../syntax/features.js';
import { parseWat } from './parse-module.js';

/** The ParseError a text module is rejected with; throws when it parses, or fails with another error. */
export function parseErrorOf(text: string, features?: FeatureSet): ParseError {
  try {
    parseWat(text, undefined, features);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}
