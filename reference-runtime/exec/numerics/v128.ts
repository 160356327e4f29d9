// Entry point of the SIMD numerics, beside the scalar i32/i64/f32/f64 modules:
// the implementation lives in the v128/ folder, one file per family.
export * from './v128/index.js';
