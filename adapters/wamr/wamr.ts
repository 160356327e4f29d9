// WAMR's iwasm, fast or classic interpreter: `iwasm --heap-size=0 driver.wasm`.
//
// --heap-size=0: iwasm otherwise appends its host-managed app heap (16 KiB by
// default) to the end of linear memory, so loads and stores up to 16 KiB past
// the module's memory succeed instead of trapping (observed on WAMR 1.1.2:
// `i32.load` at 65536 in a 1-page memory returns 0). With no app heap the
// memory is exactly what the module declared.
//
// iwasm writes everything (results, `Exception: ...`, load errors, its log)
// on stdout. An import it cannot resolve is only logged,
//   [00:19:27:418 - 7FC5D2583880]: warning: failed to link import function (env, f)
// and the module is instantiated anyway (calling the import traps later).
// That line is WAMR saying the link failed: the run is read as a link
// failure (the driver's own lines are set aside), as plan.ts rule 1 asks.
//
// Our iwasm (iwasm/main.c) also serves: `iwasm --serve` takes the
// same arguments, one request per stdin line (serve.ts protocol), so a plan
// costs no process start and a trap ends only its request. A build from
// before --serve prints its usage and exits 1: then one process per run.
import type { Adapter } from '../adapter.js';
import { CliAdapter, type CliDialectSpec } from '../cli-adapter.js';
import { segmentFromProcess, type Segment } from '../driver/run-plan.js';
import { runProcess, type ProcessResult } from '../process.js';
import { SPEC_WORDING } from '../trap-kinds.js';
import { WAMR_MESSAGES } from './messages.js';

const LINK_FAILURE = /warning: failed to link import/;
/** What iwasm says after instantiating a module that has no `_start` (WAMR 1.1.2). */
const NO_ENTRY = 'Exception: lookup the entry point symbol (like _start, main, _main, __main_argc_argv) failed';
/** The probe of --serve: a server with nothing to read exits 0 at once; allow a loaded machine. */
const SERVE_PROBE_TIMEOUT_MS = 10_000;

export class WamrAdapter extends CliAdapter {
  readonly engine: string;

  /** `classic`: the classic interpreter build (runtime wamr-classic), else the fast one (wamr-fast). */
  constructor(id: 'wamr-fast' | 'wamr-classic') {
    super(id, id);
    this.engine = id === 'wamr-fast' ? 'WAMR fast interpreter' : 'WAMR classic interpreter';
  }

  protected dialect(): CliDialectSpec {
    return {
      messages: [...WAMR_MESSAGES, ...SPEC_WORDING],
      driverCommand: (rt, file) => [...rt.command, '--heap-size=0', file],
      // iwasm instantiates the bare module, then looks for an entry point (readWamr)
      moduleCommand: (rt, file) => [...rt.command, '--heap-size=0', file],
      segment: readWamr,
      serve: {
        command: async (rt) => ((await servesRequests(rt.command)) ? [...rt.command, '--serve'] : undefined),
        // the same arguments as driverCommand / moduleCommand
        request: (_kind, file) => ['--heap-size=0', file],
      },
    };
  }
}

const serveSupport = new Map<string, Promise<boolean>>();

/**
 * Whether this iwasm has --serve, asked once per binary: with stdin at EOF a
 * server exits 0 and prints nothing, while an older build prints its usage
 * and exits 1.
 */
export function servesRequests(command: readonly string[]): Promise<boolean> {
  const key = command.join('\0');
  let known = serveSupport.get(key);
  if (known === undefined) {
    known = runProcess([...command, '--serve'], { timeoutMs: SERVE_PROBE_TIMEOUT_MS }).then(
      (r) => r.exitCode === 0 && r.stdout === '' && r.stderr === '',
    );
    serveSupport.set(key, known);
  }
  return known;
}

/**
 * The segment of one iwasm run, with an unresolved import read as a failed
 * link; for a bare module, a missing entry point after instantiation is
 * success (the module loaded and instantiated).
 */
export function readWamr(r: ProcessResult, kind: 'driver' | 'module'): Segment {
  const seg = segmentFromProcess(r);
  const warning = r.stdout.split('\n').find((l) => LINK_FAILURE.test(l));
  if (warning !== undefined) return { ...seg, stdout: `${warning}\n`, end: { kind: 'exit', code: 1 } };
  if (kind === 'module' && r.exitCode === 1 && r.stdout.trim() === NO_ENTRY) return { ...seg, stdout: '', end: { kind: 'exit', code: 0 } };
  return seg;
}

/** This runtime's adapters, by id (registry.ts joins every runtime's). */
export const WAMR_ADAPTERS = {
  'wamr-fast': () => new WamrAdapter('wamr-fast'),
  'wamr-classic': () => new WamrAdapter('wamr-classic'),
} satisfies Record<string, () => Adapter>;
