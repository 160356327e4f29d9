// The benchmark programs: the corpus (corpora/corpus.ts: C programs built to
// WASI commands, each with a default and a small size, the checksum it must
// print at each and, where a C compiler is present, a native binary),
// optionally narrowed by name.
import { loadCorpus, nativeBuild, type CorpusProgram } from '../../corpora/corpus.js';
import { UserError } from '../../adapters/project.js';
import type { BenchTarget } from './run-bench.js';

export type BenchSize = 'default' | 'small';

export function loadBenchPrograms(names: string[] | undefined, size: BenchSize): BenchTarget[] {
  let all: CorpusProgram[];
  try {
    all = loadCorpus();
  } catch (err) {
    throw new UserError(`bench: cannot load the benchmark corpus: ${(err as Error).message.split('\n')[0]}`);
  }
  const chosen = names === undefined ? all : names.map((n) => all.find((p) => p.name === n) ?? unknownProgram(n, all));
  return chosen.map((p): BenchTarget => {
    const native = nativeBuild(p);
    return {
      name: p.name,
      wasmPath: p.wasmPath,
      args: [String(size === 'small' ? p.smallSize : p.defaultSize)],
      expectedChecksum: size === 'small' ? p.smallChecksum : p.expectedChecksum,
      ...(native.path === undefined ? { nativeMissing: native.reason ?? 'no native build' } : { nativePath: native.path }),
    };
  });
}

function unknownProgram(name: string, all: CorpusProgram[]): never {
  throw new UserError(`bench: no program named ${name} in the corpus (it has: ${all.map((p) => p.name).join(', ')})`);
}
