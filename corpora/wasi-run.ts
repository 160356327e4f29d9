// Runs a WASI command module on V8 with Node's WASI, in a child node process,
// and captures what it prints. Used to check the corpus (build.ts, the
// tests); the benchmark proper has its own runners. A child process rather
// than this one: each run reserves a large wasm memory, a crash or a hang
// stays contained, and the run's CPU time is its own.
import { execa } from 'execa';

const MARK = 'corpus-wasi-run ';

/** CommonJS for `node -e`: process.argv = [node, wasmPath, ...args]. */
const CHILD = `
const { readFileSync } = require('node:fs');
const { WASI } = require('node:wasi');
const [file, ...args] = process.argv.slice(1);
(async () => {
  const module = await WebAssembly.compile(readFileSync(file));
  const wasi = new WASI({ version: 'preview1', args: ['program.wasm', ...args], env: {}, returnOnExit: true });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = wasi.start(instance);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stderr.write('\\n${MARK}' + JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\\n');
  process.exitCode = code;
})();
`;

export interface WasiRun {
  exitCode: number;
  stdout: string;
  /** The program's own stderr (the timing line removed). */
  stderr: string;
  /** Wall and CPU time of `_start` alone (compile and instantiate excluded); NaN if it never finished. */
  executeMs: number;
  cpuMs: number;
}

export async function runWasiCommand(wasmPath: string, args: string[], timeoutMs = 120_000): Promise<WasiRun> {
  const result = await execa(process.execPath, ['--no-warnings', '-e', CHILD, wasmPath, ...args], {
    reject: false,
    timeout: timeoutMs,
    stripFinalNewline: false,
  });
  const lines = String(result.stderr).split('\n');
  const markIndex = lines.findIndex((l) => l.startsWith(MARK));
  const timing = markIndex >= 0 ? (JSON.parse(lines[markIndex]!.slice(MARK.length)) as { ms: number; cpuMs: number }) : undefined;
  // The child writes "\n" before its mark line, so drop that empty line too.
  const own = markIndex >= 0 ? lines.slice(0, Math.max(0, markIndex - 1)) : lines;
  const why = result.timedOut ? `timed out after ${timeoutMs / 1000} s` : result.signal ? `killed by ${result.signal}` : '';
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: [own.join('\n').trim(), why].filter(Boolean).join('\n'),
    executeMs: timing?.ms ?? NaN,
    cpuMs: timing?.cpuMs ?? NaN,
  };
}
