// The benchmark programs: what each one is, what its size argument means,
// and the sizes it runs at. The C sources are in src/ (src/<name>.c, all
// sharing src/corpus.h); build.ts compiles them, and the manifest records
// what came out. Default sizes are calibrated so that each program takes
// roughly 0.3-1 s on V8 (Node's WASI); small sizes keep the tests to seconds.
// Each C source repeats its default (corpus_size's third argument, used when
// run with no argument); the tests check that the two agree.

export interface ProgramSpec {
  name: string;
  description: string;
  /** The character of the workload, for grouping results (float, i64, memory, calls, ...). */
  tags: string[];
  /** What argv[1] controls. */
  sizeMeaning: string;
  defaultSize: number;
  /** A size that runs in well under a second, even on a slow interpreter. */
  smallSize: number;
  /**
   * Calls nest about 3000 deep: interpreters with small default stacks need
   * a larger one (WAMR 1.1.2's iwasm, 64 KiB by default, needs
   * --stack-size=1048576). Every other program nests less than 100 deep.
   */
  deepStack?: boolean;
}

export const PROGRAMS: readonly ProgramSpec[] = [
  {
    name: 'matmul',
    description: 'dense f64 matrix multiplication, i-k-j order',
    tags: ['float', 'f64', 'linear-algebra', 'memory-streaming'],
    sizeMeaning: 'matrix order n (cost n^3)',
    defaultSize: 600,
    smallSize: 40,
  },
  {
    name: 'fft',
    description: 'iterative radix-2 complex FFT on 65536 f64 points, forward and inverse',
    tags: ['float', 'f64', 'strided-memory'],
    sizeMeaning: 'forward+inverse round trips',
    defaultSize: 70,
    smallSize: 1,
  },
  {
    name: 'nbody',
    description: 'Jovian n-body simulation (Benchmarks Game), f64 with sqrt',
    tags: ['float', 'f64', 'sqrt'],
    sizeMeaning: 'time steps',
    defaultSize: 2_500_000,
    smallSize: 20_000,
  },
  {
    name: 'spectralnorm',
    description: 'spectral norm by power iteration (Benchmarks Game), f64 division',
    tags: ['float', 'f64', 'division'],
    sizeMeaning: 'matrix order n (cost n^2)',
    defaultSize: 1500,
    smallSize: 100,
  },
  {
    name: 'mandelbrot',
    description: 'Mandelbrot bitmap, 50 iterations per point (Benchmarks Game)',
    tags: ['float', 'f64', 'branchy'],
    sizeMeaning: 'pixels per side (cost n^2)',
    defaultSize: 1600,
    smallSize: 100,
  },
  {
    name: 'fannkuch',
    description: 'fannkuch-redux pancake flips over all permutations (Benchmarks Game)',
    tags: ['integer', 'i32', 'branchy', 'small-arrays'],
    sizeMeaning: 'permutation length n, at most 12 (cost n!)',
    defaultSize: 10,
    smallSize: 7,
  },
  {
    name: 'sha256',
    description: 'SHA-256 of a 64 KiB buffer, chained rounds',
    tags: ['integer', 'i32', 'bitwise', 'crypto'],
    sizeMeaning: '64 KiB rounds',
    defaultSize: 900,
    smallSize: 4,
  },
  {
    name: 'crc32',
    description: 'table-driven CRC-32 byte by byte over a 1 MiB buffer',
    tags: ['integer', 'i32', 'byte-loads', 'table-lookup'],
    sizeMeaning: 'MiB processed',
    defaultSize: 120,
    smallSize: 2,
  },
  {
    name: 'sort',
    description: 'quicksort and mergesort of pseudo-random i32 arrays',
    tags: ['integer', 'i32', 'branchy', 'recursion'],
    sizeMeaning: 'elements',
    defaultSize: 1_800_000,
    smallSize: 20_000,
  },
  {
    name: 'hashtable',
    description: 'open-addressing hash table: inserts, lookups, deletions, rehashing',
    tags: ['integer', 'i32', 'random-access', 'malloc'],
    sizeMeaning: 'operations',
    defaultSize: 3_500_000,
    smallSize: 50_000,
  },
  {
    name: 'editdist',
    description: 'Levenshtein distance and LCS by dynamic programming',
    tags: ['integer', 'i32', 'dynamic-programming'],
    sizeMeaning: 'string length n (cost n^2)',
    defaultSize: 7000,
    smallSize: 300,
  },
  {
    name: 'sieve',
    description: 'bit-packed sieve of Eratosthenes over the odd numbers',
    tags: ['integer', 'bitwise', 'strided-memory'],
    sizeMeaning: 'upper limit',
    defaultSize: 75_000_000,
    smallSize: 1_000_000,
  },
  {
    name: 'binarytrees',
    description: 'allocate and free perfect binary trees with malloc/free (Benchmarks Game)',
    tags: ['malloc', 'pointer-chasing', 'recursion'],
    sizeMeaning: 'maximum tree depth, at most 24 (cost doubles per step)',
    defaultSize: 16,
    smallSize: 8,
  },
  {
    name: 'memops',
    description: 'memcpy, memmove, memset and memcmp of varied lengths over a 4 MiB arena',
    tags: ['memory-bulk', 'libc'],
    sizeMeaning: 'rounds',
    defaultSize: 80,
    smallSize: 1,
  },
  {
    name: 'recursion',
    description: 'naive Fibonacci and Ackermann: call overhead and deep stacks',
    tags: ['calls', 'recursion', 'deep-stack'],
    sizeMeaning: 'Fibonacci argument, at most 45 (cost x1.6 per step)',
    defaultSize: 39,
    smallSize: 15,
    deepStack: true,
  },
  {
    name: 'vm',
    description: 'stack bytecode interpreter (switch dispatch) running Collatz lengths',
    tags: ['interpreter', 'indirect-branch', 'i64'],
    sizeMeaning: 'Collatz starting values 1..n',
    defaultSize: 45_000,
    smallSize: 2000,
  },
  {
    name: 'bigint',
    description: 'schoolbook multi-limb multiplication, 64-bit remainders, xorshift64*',
    tags: ['integer', 'i64', 'multiply', 'division'],
    sizeMeaning: 'limbs per operand (cost n^2)',
    defaultSize: 5000,
    smallSize: 100,
  },
  {
    name: 'stencil',
    description: 'f32 Jacobi heat-equation stencil on a 512x512 grid',
    tags: ['float', 'f32', 'stencil', 'memory-streaming'],
    sizeMeaning: 'sweeps',
    defaultSize: 450,
    smallSize: 10,
  },
];
