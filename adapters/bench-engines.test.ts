// Each bench engine on the WAT fixture: the program's argv reaches it (the
// checksum depends on the size), and the timing fields are filled in. Engines
// not installed here skip, naming the reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModule } from '../reference-runtime/binary/decode.js';
import { encodeModule } from '../reference-runtime/binary/encode.js';
import { parseWat } from '../reference-runtime/text/parse-module.js';
import { ARGV_MODULE, withArgvShim } from './wasmtime/bench-argv-shim.js';
import { benchEngine } from './bench-engines.js';
import { benchRunOf, runTimed, timedUnavailable } from './bench-timed.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-bench-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const wasmPath = join(dir, 'lcg.wasm');
const bytes = encodeModule(parseWat(readFileSync(new URL('../harness/bench/fixtures/lcg.wat', import.meta.url), 'utf8')));
writeFileSync(wasmPath, bytes);

describe('argv shim for wizer', () => {
  it('renames the args imports and imports the memory from the shim, moving no function', () => {
    const { program, shim } = withArgvShim(bytes, ['lcg', '42']);
    const before = decodeModule(bytes);
    const after = decodeModule(program);
    expect(after.mems).toEqual([]);
    expect(after.imports.filter((i) => i.module === ARGV_MODULE).map((i) => i.name).sort()).toEqual(['args_get', 'args_sizes_get', 'memory']);
    expect(after.imports.filter((i) => i.desc.kind === 'func').length).toBe(before.imports.length);
    expect(after.funcs).toEqual(before.funcs);
    expect(decodeModule(shim).exports.map((e) => e.name).sort()).toEqual(['args_get', 'args_sizes_get', 'memory']);
  });
});

const ids = ['v8', 'v8-node22', 'v8-node24', 'wasmtime', 'wamr-fast', 'wamr-classic', 'wasmedge', 'wasmedge-jit', 'wasmedge-aot', 'reference'];
const noTime = timedUnavailable();

describe.each(ids)('bench engine %s', (id) => {
  it(`runs the fixture with its argv ${noTime ? `(skipped: ${noTime})` : ''}`, async (ctx) => {
    if (noTime !== undefined) ctx.skip(noTime);
    const engine = benchEngine(id)!;
    const a = await engine.available();
    if (!a.ok) return ctx.skip(`${id} unavailable: ${a.reason}`);
    const run = await engine.run({ name: 'lcg', wasmPath, args: ['1000'] }, { timeoutMs: 60_000, scratch: dir });
    expect(run).toMatchObject({ kind: 'ok', stdout: '3366742873\n' });
    if (run.kind !== 'ok') return;
    expect(run.wallMs).toBeGreaterThan(0);
    expect(run.rssKb).toBeGreaterThan(0);
    expect(Object.keys(run.phases).sort()).toEqual([...engine.phases].sort());
  }, 90_000);
});

describe('a timed process that dies of a signal', () => {
  it(`is a crash run with its command, its signal and its stderr; a plain non-zero exit is not ${noTime ? `(skipped: ${noTime})` : ''}`, async (ctx) => {
    if (noTime !== undefined) ctx.skip(noTime);
    const segv = [process.execPath, '-e', "process.stderr.write('dying\\n'); process.kill(process.pid, 'SIGSEGV')"];
    const run = benchRunOf(await runTimed(segv, { timeoutMs: 30_000, scratch: dir }), 30_000);
    expect(run).toMatchObject({ kind: 'crash', signal: 'SIGSEGV', argv: segv, stderr: 'dying\n' });
    const exit3 = benchRunOf(await runTimed([process.execPath, '-e', 'process.exit(3)'], { timeoutMs: 30_000, scratch: dir }), 30_000);
    expect(exit3).toEqual({ kind: 'failed', reason: 'exit status 3' });
  }, 60_000);
});
