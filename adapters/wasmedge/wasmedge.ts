// WasmEdge: `wasmedge [--run-mode jit] --log-level error driver.wasm`, the
// interpreter by default (`wasmedge`) or its LLVM JIT (`wasmedge-jit`).
//
// WasmEdge writes its errors on stdout, `[time] [error] execution failed:
// <spec wording>, Code: 0x40a` and location lines after it; a trap exits 134.
// Its interpreter has no call-depth limit: unbounded recursion grows the
// process by ~500 MB/s (16 GB after 30 s, observed with 0.17.1). Like every
// runtime process it runs with its data segment capped (cli-adapter.ts, via
// prlimit, no shell): past the cap WasmEdge aborts (`std::bad_alloc`), read
// as a `resource` outcome rather than a machine out of memory. Linear
// memories are reserved PROT_NONE and do not count until used.
//
// When the install has wasmdiff's server (serve.c beside this file, on the
// C API), runs are requests to one `wasmedge-serve --serve` process per
// adapter, which prints what the CLI prints. The one-shot commands stay the
// repro commands users are shown: a maintainer runs the real `wasmedge`.
import type { Adapter } from '../adapter.js';
import { CliAdapter, type CliDialectSpec, type Located } from '../cli-adapter.js';
import { segmentFromProcess, type Segment } from '../driver/run-plan.js';
import type { ProcessResult } from '../process.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { WASMEDGE_MESSAGES } from './messages.js';

/** A function name no module under test is expected to export. */
const ABSENT = 'wasmdiff validate only';

export type WasmEdgeId = 'wasmedge' | 'wasmedge-jit';

/** A WasmEdge engine id's name and the flags that select its run mode (shared with its bench engine). */
export function wasmedgeMode(id: WasmEdgeId): { engine: string; mode: 'jit' | 'interpreter'; flags: string[] } {
  const mode = id === 'wasmedge-jit' ? 'jit' : 'interpreter';
  return { engine: mode === 'jit' ? 'WasmEdge JIT' : 'WasmEdge interpreter', mode, flags: ['--run-mode', mode, '--log-level', 'error'] };
}

export class WasmEdgeAdapter extends CliAdapter {
  readonly engine: string;
  private readonly mode: 'jit' | 'interpreter';
  private readonly flags: string[];

  constructor(id: WasmEdgeId) {
    super(id, 'wasmedge');
    ({ engine: this.engine, mode: this.mode, flags: this.flags } = wasmedgeMode(id));
  }

  protected dialect(): CliDialectSpec {
    const base = (rt: Located): string[] => [...rt.command, ...this.flags];
    return {
      messages: [...WASMEDGE_MESSAGES, ...SPEC_WORDING],
      driverCommand: (rt, file) => [...base(rt), file],
      // reactor mode instantiates the module, then looks the function up
      moduleCommand: (rt, file) => [...base(rt), '--reactor', file, ABSENT],
      segment: readWasmEdge,
      serve: {
        command: async (rt) => (rt.serveCommand === undefined ? undefined : [...rt.serveCommand, '--run-mode', this.mode, '--serve']),
        // the server's `module` request answers as the reactor command above, minus the lookup
        request: (kind, file) => [kind, file],
      },
    };
  }
}

/** For a bare module, the absent function's lookup failing after instantiation is success. */
export function readWasmEdge(r: ProcessResult, kind: 'driver' | 'module'): Segment {
  const seg = segmentFromProcess(r);
  if (kind === 'module' && r.exitCode === 1 && r.stdout.trim() === '' && r.stderr.trim() === `Function "${ABSENT}" not found in the module export list.`) {
    return { ...seg, stdout: '', end: { kind: 'exit', code: 0 } };
  }
  return seg;
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const WASMEDGE_ADAPTERS = {
  wasmedge: () => new WasmEdgeAdapter('wasmedge'),
  'wasmedge-jit': () => new WasmEdgeAdapter('wasmedge-jit'),
} satisfies Record<string, () => Adapter>;
