// The code that runs a driver module inside a V8: in a worker thread of this
// process (v8.ts) or in another node binary (v8-node.ts).
// It is plain JavaScript in a string, so that any node can run it with no
// build step and no imports. It writes one stream: the driver's own output as
// it is produced, and after each run of `_start` a record line
//   \x1e{"end":{...}}\n
// so that a run killed midway (timeout) still shows how far it got. After a
// trap it instantiates the driver again and continues after the trapped
// invocation, by setting the exported global `wasmdiff_from` (plan.ts rule 3).
import type { CommandLine } from '../adapter.js';
import type { Segment } from '../driver/run-plan.js';

export const RECORD = '\x1e';

/** Defines `runInV8(input, write)`; input: {kind:'driver', driver, from} | {kind:'module', module}. */
export const V8_RUNNER_SOURCE = String.raw`
function runInV8(input, write) {
  const decoder = new TextDecoder();
  const record = (end) => write('\x1e' + JSON.stringify({ end }) + '\n');
  const isWasmException = (e) => typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception;
  const failure = (e) =>
    isWasmException(e)
      ? { kind: 'error', name: 'WebAssembly.Exception', message: 'uncaught wasm exception' }
      : { kind: 'error', name: (e && e.constructor && e.constructor.name) || 'Error', message: String(e && e.message !== undefined ? e.message : e) };
  if (input.kind === 'module') {
    try {
      new WebAssembly.Instance(new WebAssembly.Module(input.module), {});
      record({ kind: 'exit', code: 0 });
    } catch (e) {
      record(failure(e));
    }
    return;
  }
  let module;
  try {
    module = new WebAssembly.Module(input.driver);
  } catch (e) {
    record(failure(e));
    return;
  }
  let from = input.from;
  for (;;) {
    let memory;
    let last = '';
    const imports = {
      wasi_snapshot_preview1: {
        fd_write(fd, iovs, count, nwritten) {
          const view = new DataView(memory.buffer);
          let total = 0;
          for (let i = 0; i < count; i++) {
            const ptr = view.getUint32(iovs + 8 * i, true);
            const len = view.getUint32(iovs + 8 * i + 4, true);
            const text = decoder.decode(new Uint8Array(memory.buffer, ptr, len));
            write(text);
            last = (last + text).slice(-16);
            total += len;
          }
          view.setUint32(nwritten, total, true);
          return 0;
        },
        proc_exit(code) {
          throw new Error('proc_exit(' + code + ')');
        },
      },
    };
    let instance;
    try {
      instance = new WebAssembly.Instance(module, imports);
    } catch (e) {
      record(failure(e));
      return;
    }
    memory = instance.exports.memory;
    instance.exports.wasmdiff_from.value = from;
    try {
      instance.exports._start();
      record({ kind: 'exit', code: 0 });
      return;
    } catch (e) {
      record(failure(e));
      // continue only after a trap, stack overflow or uncaught wasm exception inside an invocation
      const marker = /@([0-9a-f]{8})\n$/.exec(last);
      if (marker === null || !(e instanceof WebAssembly.RuntimeError || e instanceof RangeError || isWasmException(e))) return;
      from = parseInt(marker[1], 16) + 1;
    }
  }
}
`;

/** How every V8 engine (adapters and bench) names its version: V8's own, and the Node it came with. */
export function v8Version(v8: string, node: string): string {
  return `${v8} (Node ${node})`;
}

/** The file name of the runner script in a repro folder. */
export const V8_REPRO_SCRIPT = 'run-v8.mjs';

/**
 * Runs a driver (or, with --module, compiles and instantiates a bare module)
 * in any node: the adapters' own V8 runner, on the file named on the command
 * line; its end-of-run records are printed as `# {...}` lines.
 */
const V8_REPRO_SOURCE = `import { readFileSync } from 'node:fs';
${V8_RUNNER_SOURCE}
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const input = process.argv[3] === '--module' ? { kind: 'module', module: bytes } : { kind: 'driver', driver: bytes, from: 0 };
runInV8(input, (text) => process.stdout.write(text.replace(/\\x1e/g, '# ')));
`;

/** The command that runs `file` like a V8 adapter does, in the node `node`. */
export function v8CommandLine(node: readonly string[], kind: 'driver' | 'module', file: string): CommandLine {
  const argv = kind === 'driver' ? [...node, V8_REPRO_SCRIPT, file] : [...node, V8_REPRO_SCRIPT, file, '--module'];
  return { argv, files: { [V8_REPRO_SCRIPT]: V8_REPRO_SOURCE } };
}

/** Splits the stream into segments: one per record, plus the unfinished one (ended by `cutShort`). */
export function segmentsFromStream(stream: string, cutShort: Segment['end'] | undefined, extra: { stderr?: string; exitCode?: number; signal?: string } = {}): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  for (const piece of stream.split(/(?<=\n)/)) {
    const at = piece.indexOf(RECORD);
    if (at >= 0 && piece.endsWith('\n')) {
      text += piece.slice(0, at);
      let end: Segment['end'];
      try {
        end = (JSON.parse(piece.slice(at + 1)) as { end: Segment['end'] }).end;
      } catch {
        end = { kind: 'error', name: 'Error', message: `unreadable record ${piece.slice(1, 80)}` };
      }
      segments.push(segment(text, end, extra));
      text = '';
    } else {
      text += piece;
    }
  }
  if (cutShort !== undefined) segments.push(segment(text, cutShort, extra));
  return segments;
}

function segment(stdout: string, end: Segment['end'], extra: { stderr?: string; exitCode?: number; signal?: string }): Segment {
  const errorText = end.kind === 'error' ? `${end.name}: ${end.message}` : (extra.stderr ?? '');
  return { stdout, end, errorText, raw: { stdout: stdout.slice(-2000), stderr: (extra.stderr ?? '').slice(-2000), exitCode: extra.exitCode, signal: extra.signal } };
}
