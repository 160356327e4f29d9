// Test support: what validation says of a module, as one string to compare.
import { ValidationError } from '../errors.js';
import type { FeatureSet } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { validateModule } from './validate.js';

/** 'valid', or the ValidationError's message (any other error is rethrown). */
export function validationOutcome(m: Module, features?: FeatureSet): string {
  try {
    validateModule(m, features);
    return 'valid';
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
}
