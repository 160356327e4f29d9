// Hand-written module bytes for the decoder's tests: the header, sections,
// a one-function module around a body, and the outcome of decoding as text.
import { DecodeError } from '../errors.js';
import type { FeatureSet } from '../syntax/features.js';
import { decodeModule } from './decode.js';
import { encodeUnsigned } from './leb128.js';

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module: the header, then the given section bytes. */
export const mod = (...sections: number[]) => Uint8Array.from([...HEADER, ...sections]);

/** A section: its id, its size, its contents. */
export function section(id: number, contents: number[]): number[] {
  return [id, ...encodeUnsigned(contents.length), ...contents];
}

/** A vector: its length, then its elements. */
export function vec(items: number[][]): number[] {
  return [...encodeUnsigned(items.length), ...items.flat()];
}

/** The DecodeError message decoding gives, or 'decoded'. */
export function message(bytes: Uint8Array, features?: FeatureSet): string {
  try {
    decodeModule(bytes, features);
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  return 'decoded';
}

/**
 * A module with one function of type [] -> [] and the given body bytes
 * (without the final end); `extraSections` go between the function and code sections.
 */
export function withBody(body: number[], extraSections: number[] = []): Uint8Array {
  const code = [...encodeUnsigned(body.length + 2), 0x00, ...body, 0x0b];
  const codeSection = [0x01, ...code];
  return mod(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, ...extraSections, 0x0a, ...encodeUnsigned(codeSection.length), ...codeSection);
}
