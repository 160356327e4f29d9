// SIMD (v128) numerics: the pure functions the interpreter calls for vector
// instructions. See ops.ts for the immediate-free instructions by mnemonic.
export type { V128 } from './bytes.js';
export { V128_OPS } from './ops.js';
export { RELAXED_OPS } from './relaxed.js';
export { RELAXED_PARAMS, relaxed, describeProfile, type RelaxedParam } from './relaxed-profile.js';
export { extractLane, replaceLane, shuffle, swizzle, splat } from './lanes.js';
export { loadVector, storeVector, loadLane, storeLane } from './memory.js';
