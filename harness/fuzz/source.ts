// Where the loop's cases come from: chunks of generated cases, deterministic
// for (seed, chunk index), so that shards split the work by chunk and a
// stored origin says how to regenerate a case. With a focus (a list of
// instructions a campaign aims at), every other case is the per-instruction
// boundary case of one of them, in rotation.
import { generateCases, instructionCases, type GenOptions, type Mix, type MixedCase } from '../generate/index.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';

export interface SourceOptions {
  mix?: Mix;
  generate?: GenOptions;
  /** instruction names to interleave boundary cases of */
  focus?: readonly string[];
}

export interface SourcedCase {
  case: MixedCase;
  /** how to find it again: the chunk seed and position */
  origin: string;
}

export function chunkSeed(seed: number, chunk: number): number {
  return (Math.imul(seed, 1_000_003) + chunk) | 0;
}

/** Chunk `j` of the stream for `seed`: `size` cases. */
export function caseChunk(seed: number, j: number, size: number, o: SourceOptions = {}): SourcedCase[] {
  const s = chunkSeed(seed, j);
  const generated = generateCases(s, size, o.mix, o.generate);
  const focus = o.focus ?? [];
  return generated.map((c, k) => {
    if (focus.length > 0 && k % 2 === 0) {
      const op = focus[(j * size + k) / 2 % focus.length]!;
      return { case: instructionCases(op)[0]!, origin: `instruction case ${op}` };
    }
    return { case: c, origin: `seed ${s} #${k} of ${size} (${c.origin})` };
  });
}

/** The focus list checked against the opcode table: the first unknown name, if any. */
export function unknownInstruction(focus: readonly string[]): string | undefined {
  return focus.find((op) => opInfo(op) === undefined);
}
