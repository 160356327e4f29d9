// Module generators for differential fuzzing (issue 7): valid terminating
// modules over the whole 2.0 instruction set and the 3.0 features the
// options weigh in (features.ts), per-instruction boundary cases,
// invalid and malformed mutants, wasm-tools smith when installed, and the mix
// the fuzz loop draws from. All are fast-check arbitraries or built from them:
// deterministic per seed, shrinkable.
export type { GeneratedCase, Invocation } from './generated-case.js';
export { validModuleArb, validModuleFrom, type GenOptions } from './valid-module.js';
export { instructionCases, allInstructionCases } from './instruction-cases.js';
export { mutatedModuleArb, type MutatedModule } from './mutated-module.js';
export { smithArb, smithAvailable } from './smith.js';
export { generateCases, mixedCaseArb, DEFAULT_MIX, type Mix, type MixedCase } from './generate-cases.js';
export { opcodesOf } from './opcodes-of.js';
export { ALL_FEATURES, allowsInstruction, type FeatureOptions, type FeatureWeights } from './features.js';
export { FUEL, FUEL_GLOBAL } from './module-shape.js';
