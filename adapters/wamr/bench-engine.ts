// WAMR's iwasm (fast and classic interpreters) for `wasmdiff bench`: the
// whole process is timed (bench-cli.ts).
import { CliBenchEngine } from '../bench-cli.js';
import type { BenchEngine } from '../bench-runner.js';

/** iwasm's operand/frame stack (default 64 KiB): C programs with deep recursion need more. */
const IWASM_STACK_BYTES = 8 << 20;

export class IwasmBenchEngine extends CliBenchEngine {
  readonly engine: string;

  constructor(id: 'wamr-fast' | 'wamr-classic') {
    super(id, id);
    this.engine = id === 'wamr-fast' ? 'WAMR fast interpreter' : 'WAMR classic interpreter';
  }

  protected argv(command: string[], file: string, args: string[]): string[] {
    // the program's allocator lives in its linear memory: iwasm's app heap is not used
    return [...command, '--heap-size=0', `--stack-size=${IWASM_STACK_BYTES}`, file, ...args];
  }
}

/** This runtime's bench engines, by id (bench-engines.ts joins every runtime's). */
export const WAMR_BENCH_ENGINES = {
  'wamr-fast': () => new IwasmBenchEngine('wamr-fast'),
  'wamr-classic': () => new IwasmBenchEngine('wamr-classic'),
} satisfies Record<string, () => BenchEngine>;
