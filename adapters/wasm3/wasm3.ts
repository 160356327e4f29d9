// Wasm3 (not installable here: found on PATH as `wasm3`, or WASMDIFF_WASM3).
// `wasm3 driver.wasm` runs the driver's `_start` as a WASI command; its
// `--func` channel prints floats with %f (lossy), so the driver's exact hex
// is the only channel used for results. Everything here is read from the
// recorded behaviour of Wasm3 v0.9.0 (wasm3-standin/TRANSCRIPTS.md): errors on
// stderr as `Error: [trap] <what>`, exit 1; a malformed binary as
// `Error: [Fatal] repl_load: malformed Wasm binary`.
import type { Adapter } from '../adapter.js';
import { CliAdapter, type CliDialectSpec } from '../cli-adapter.js';
import { segmentFromProcess, type Segment } from '../driver/run-plan.js';
import type { ProcessResult } from '../process.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { WASM3_MESSAGES } from './messages.js';

/** A function name no module under test is expected to export. */
const ABSENT = 'wasmdiff validate only';

export class Wasm3Adapter extends CliAdapter {
  readonly engine = 'Wasm3';

  constructor(id = 'wasm3') {
    super(id, 'wasm3');
  }

  protected dialect(): CliDialectSpec {
    return {
      messages: [...WASM3_MESSAGES, ...SPEC_WORDING],
      driverCommand: (rt, file) => [...rt.command, file],
      // Wasm3 loads the module, then looks the function up (recorded: `function lookup failed ('nosuch')`)
      moduleCommand: (rt, file) => [...rt.command, '--func', ABSENT, file],
      segment: readWasm3,
    };
  }
}

/** For a bare module, the absent function's failed lookup after loading is success. */
export function readWasm3(r: ProcessResult, kind: 'driver' | 'module'): Segment {
  const seg = segmentFromProcess(r);
  if (kind === 'module' && r.exitCode === 1 && r.stdout === '' && r.stderr === `Error: function lookup failed ('${ABSENT}')\n`) {
    return { ...seg, errorText: '', end: { kind: 'exit', code: 0 } };
  }
  return seg;
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const WASM3_ADAPTERS = {
  wasm3: () => new Wasm3Adapter(),
} satisfies Record<string, () => Adapter>;
