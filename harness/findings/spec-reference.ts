// Why the expected outcome is right: the section of the WebAssembly 2.0
// specification that decides it, for a finding's kind and culprit. "Another
// engine differs" is not a bug on its own; the spec's rule is.
import type { Cause } from './cause.js';

interface Reference {
  section: string;
  text: string;
}

const NUMERIC: readonly (readonly [RegExp, Reference])[] = [
  [/^i(32|64)\.(div|rem)_[su]$/, { section: '4.3.2 Integer Operations (idiv_u, idiv_s, irem_u, irem_s)', text: 'division and remainder by zero are undefined, and so is a signed division whose result overflows (2^(N-1) / -1): the instruction traps (4.4.1 Numeric Instructions, step "if c is not defined, trap")' }],
  [/^i(32|64)\.trunc_sat_/, { section: '4.3.4 Conversions (trunc_sat_u, trunc_sat_s)', text: 'saturating truncation never traps: NaN gives 0, values below or above the range give the smallest or largest integer' }],
  [/^i(32|64)\.trunc_f/, { section: '4.3.4 Conversions (trunc_u, trunc_s)', text: 'truncation of NaN, an infinity or a value outside the target range is undefined, so the instruction traps (4.4.1 Numeric Instructions)' }],
  [/^f(32|64)\.(abs|neg|copysign)$/, { section: '4.3.3 Floating-Point Operations (fabs, fneg, fcopysign)', text: 'these operate on the sign bit only and leave every other bit, a NaN payload included, unchanged' }],
  [/^f(32|64)\./, { section: '4.3.3 Floating-Point Operations', text: 'the operation is IEEE 754-2019 arithmetic with round-to-nearest-ties-to-even, and its NaN results follow the NaN propagation rule of the same section' }],
  [/^(f32x4|f64x2)\./, { section: '4.3.3 Floating-Point Operations, lane-wise (4.4.3 Vector Instructions)', text: 'each lane is computed as the scalar operation, NaN propagation included' }],
  [/^(i8x16|i16x8|i32x4|i64x2|v128)\./, { section: '4.4.3 Vector Instructions', text: 'the lane-wise definition of the instruction fixes every bit of its result' }],
  [/^i(32|64)\./, { section: '4.3.2 Integer Operations', text: 'integer operations are defined for every operand, modulo 2^N' }],
  [/(\.load|\.store|^memory\.)/, { section: '4.4.7 Memory Instructions', text: 'the effective address (operand plus offset, computed without wrapping) plus the access size must lie within the memory, or the instruction traps' }],
  [/^(table\.|call_indirect|ref\.)/, { section: '4.4.6 Table Instructions and 4.4.8 Control Instructions (call_indirect)', text: 'an index outside the table traps; call_indirect through a null entry or an entry of another function type traps' }],
  [/^unreachable$/, { section: '4.4.8 Control Instructions (unreachable)', text: 'unreachable traps, always' }],
];

/** The spec's rule that the expected outcome follows. */
export function specReference(c: Pick<Cause, 'kind' | 'culprit'>): Reference {
  if (c.culprit.startsWith('NaN result not quieted'))
    return {
      section: '4.3.3 Floating-Point Operations (NaN propagation)',
      text: 'when a floating-point operator other than fneg, fabs or fcopysign returns a NaN, its payload is canonical if all NaN operands are canonical, and otherwise any arithmetic NaN: the quiet bit (the payload\'s most significant bit) is set. A signalling NaN result is not allowed',
    };
  if (c.culprit.startsWith('NaN result not canonical'))
    return {
      section: '4.3.3 Floating-Point Operations (NaN propagation)',
      text: 'when every NaN operand is canonical (or there is none), a NaN result must be a canonical NaN (payload 2^(N-1), either sign)',
    };
  switch (c.kind) {
    case 'accepts-invalid':
      return { section: '3 Validation, 5 Binary Format and 4.5.4 Instantiation', text: `the module is rejected by the spec (${c.culprit.replace(/^module: /, '')}); instantiation is only defined for a valid module, so an embedder must refuse it` };
    case 'rejects-valid':
      return { section: '3 Validation and 4.5.4 Instantiation', text: 'the module decodes and validates (the reference interpreter, which follows the spec, accepts it), so compiling and instantiating it must succeed' };
    case 'misclassified':
      return { section: '5 Binary Format versus 3 Validation', text: 'a malformed module fails decoding and an invalid one fails validation; many engines do both in one pass, so this is a note, not a bug' };
    case 'crash':
      return { section: '4.5.5 Invocation', text: 'an invocation ends with results or a trap; a crash of the engine is never an allowed outcome' };
    case 'timeout':
      return { section: '4.4 Instructions', text: 'the reference interpreter finishes this invocation quickly; the engine does not finish it at all' };
    case 'exhaustion':
      return { section: 'Appendix A.2 Implementation Limitations', text: 'an implementation may exhaust its call stack or memory, but this invocation makes fewer than 100 calls and uses little memory: no reasonable limit is reached' };
    case 'unclassified-trap':
      return { section: '4.4 Instructions', text: "the engine trapped where the spec traps; only its message is not one wasmdiff's table for it knows" };
    case 'verdict':
      return { section: '4.5.4 Instantiation', text: 'the module fails at another stage than the spec says (decoding, validation, linking and instantiation are distinct steps)' };
    default: {
      const op = c.culprit.split(':')[0]!.trim();
      return NUMERIC.find(([re]) => re.test(op))?.[1] ?? { section: '4.4 Instructions', text: `the execution rules of ${op} fix this outcome` };
    }
  }
}
