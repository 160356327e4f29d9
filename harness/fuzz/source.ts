// Where the loop's cases come from: chunks of generated cases, deterministic
// for (seed, chunk index), so that shards split the work by chunk and a
// stored origin says how to regenerate a case. Each case is generated for
// its target profile (profiles.ts: the features it may use, fixed by the
// seed and the case's place in the stream); a chunk's cases of one profile
// come from one generator stream, so that with a single profile a chunk is
// what the generator gives for the chunk seed. With a focus (a list of
// instructions a campaign aims at), every other case is the per-instruction
// boundary case of one of them, in rotation.
import { generateCases, instructionCases, type GenOptions, type Mix, type MixedCase } from '../generate/index.js';
import { opInfo } from '../../reference-runtime/syntax/opcodes.js';
import { planProfiles, profileAt, profileOptions, type Profile } from './profiles.js';

export interface SourceOptions {
  mix?: Mix;
  generate?: GenOptions;
  /** instruction names to interleave boundary cases of */
  focus?: readonly string[];
  /** the target profiles (default: the oracle's alone, everything) */
  profiles?: readonly Profile[];
}

export interface SourcedCase {
  case: MixedCase;
  /** how to find it again: the generator seed, position and profile */
  origin: string;
  /** the name of the profile it was generated for */
  profile: string;
}

export function chunkSeed(seed: number, chunk: number): number {
  return (Math.imul(seed, 1_000_003) + chunk) | 0;
}

const ORACLE_ONLY = planProfiles(new Map());

/** Chunk `j` of the stream for `seed`: `size` cases. */
export function caseChunk(seed: number, j: number, size: number, o: SourceOptions = {}): SourcedCase[] {
  const s = chunkSeed(seed, j);
  const profiles = o.profiles ?? ORACLE_ONLY;
  const targets = Array.from({ length: size }, (_, k) => profileAt(profiles, seed, j * size + k));
  // per profile (in the plan's order): its generator seed and its cases, taken in turn
  const streams = profiles.map((p, i) => {
    const count = targets.filter((t) => t === p).length;
    const ps = (s + Math.imul(i, 0x9e3779b1)) | 0;
    return { p, ps, count, cases: generateCases(ps, count, o.mix, profileOptions(p, o.generate)), next: 0 };
  });
  const focus = o.focus ?? [];
  return targets.map((p, k) => {
    const stream = streams.find((x) => x.p === p)!;
    const at = stream.next++;
    if (focus.length > 0 && k % 2 === 0) {
      const op = focus[(j * size + k) / 2 % focus.length]!;
      return { case: instructionCases(op, p.features.has('simd'))[0]!, origin: `instruction case ${op}`, profile: p.name };
    }
    const c = stream.cases[at]!;
    return { case: c, origin: `seed ${stream.ps} #${at} of ${stream.count}, profile ${p.name} (${c.origin})`, profile: p.name };
  });
}

/** The focus list checked against the opcode table: the first unknown name, if any. */
export function unknownInstruction(focus: readonly string[]): string | undefined {
  return focus.find((op) => opInfo(op) === undefined);
}
