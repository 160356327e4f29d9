// A runtime that misbehaves is contained and recorded, and the run goes on.
// Fake runtimes (small node scripts) hang, die by SIGSEGV, flood stdout,
// allocate without bound, or exit 0 silently; each is driven exactly as a
// command-line adapter drives a real runtime (runDriverPlan over runProcess
// with the adapters' own limits), and a well-behaved runtime (node's WASI
// running the real driver) then still runs the next plan.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { limits } from '../../adapters/cli-adapter.js';
import { runDriverPlan, segmentFromProcess, type DriverRunner } from '../../adapters/driver/run-plan.js';
import type { Plan, RunOutcome } from '../../adapters/plan.js';
import { findPrlimit, runProcess, type ProcessOptions } from '../../adapters/process.js';
import { SPEC_WORDING } from '../../adapters/trap-kinds.js';

const FAKES: Record<string, string> = {
  hang: 'setInterval(() => {}, 1000);',
  segv: "process.kill(process.pid, 'SIGSEGV');",
  // 100 MB of output, far past the 16 MiB cap
  flood: "const b = Buffer.alloc(1 << 20, 65); let n = 0; const go = () => { while (n < 100 && process.stdout.write(b)) n++; if (n++ < 100) process.stdout.once('drain', go); }; go();",
  // filled buffers, so the memory is really used, until an allocation fails
  alloc: 'const keep = []; for (;;) keep.push(Buffer.alloc(16 << 20, 1));',
  silent: 'process.exit(0);',
  // a genuine runtime: node's WASI runs the driver file
  good: "const { WASI } = require('node:wasi'); const fs = require('node:fs'); const wasi = new WASI({ version: 'preview1', returnOnExit: true }); WebAssembly.instantiate(fs.readFileSync(process.argv[2]), wasi.getImportObject()).then(({ instance }) => process.exit(wasi.start(instance)));",
};

/** A small memory limit keeps the unbounded allocation quick; node itself starts well within it. */
const TEST_MEMORY_LIMIT = 256 << 20;
const TIMEOUT_MS = 3000;

const plan: Plan = {
  module: encodeModule(parseWat('(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))')),
  invocations: [
    { export: 'f', args: [{ type: 'i32', bits: 41 }] },
    { export: 'f', args: [{ type: 'i32', bits: 1 }] },
  ],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmdiff-faults-'));
  for (const [name, source] of Object.entries(FAKES)) writeFileSync(join(dir, `${name}.cjs`), source);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fake runtime `name` as a DriverRunner, with the limits every CLI adapter uses. */
function fakeRuntime(name: string): DriverRunner {
  const options = (timeoutMs: number): ProcessOptions => ({ ...limits(timeoutMs), memoryLimitBytes: TEST_MEMORY_LIMIT });
  const run = async (bytes: Uint8Array, timeoutMs: number) => {
    const file = join(dir, `${name}-${Date.now()}.wasm`);
    writeFileSync(file, bytes);
    return segmentFromProcess(await runProcess([process.execPath, join(dir, `${name}.cjs`), file], options(timeoutMs)));
  };
  return {
    id: `fake-${name}`,
    messages: SPEC_WORDING,
    runDriver: async (driverFor, from, timeoutMs) => [await run(driverFor(from), timeoutMs)],
    runModule: (module, timeoutMs) => run(module, timeoutMs),
  };
}

async function timed(name: string): Promise<{ outcome: RunOutcome; ms: number }> {
  const started = Date.now();
  const outcome = await runDriverPlan(plan, fakeRuntime(name), TIMEOUT_MS);
  return { outcome, ms: Date.now() - started };
}

const noPrlimit = findPrlimit() === null;

describe.skipIf(noPrlimit)(`runtime faults are contained${noPrlimit ? ' (skipped: prlimit from util-linux is not installed)' : ''}`, () => {
  it('a hanging runtime is killed at the timeout and recorded as a timeout', async () => {
    const { outcome, ms } = await timed('hang');
    expect(outcome.verdict.kind).toBe('timeout');
    expect(ms).toBeLessThan(TIMEOUT_MS + 3000);
  });

  it('a runtime killed by SIGSEGV is recorded as a crash naming the signal', async () => {
    const { outcome } = await timed('segv');
    expect(outcome.verdict).toMatchObject({ kind: 'crash', message: 'killed by SIGSEGV' });
    expect(outcome.invocations.every((o) => o.kind === 'not-run')).toBe(true);
  });

  it('a runtime flooding stdout is cut at the output cap, recorded as a resource outcome, without the harness growing', async () => {
    const before = process.memoryUsage().rss;
    const { outcome, ms } = await timed('flood');
    expect(outcome.verdict).toMatchObject({ kind: 'resource', message: 'output limit exceeded' });
    expect(ms).toBeLessThan(TIMEOUT_MS + 3000);
    // 100 MB were offered; the cap is 16 MiB
    expect(process.memoryUsage().rss - before).toBeLessThan(80 << 20);
  });

  it('a runtime allocating without bound stops at the memory limit, recorded as a resource outcome', async () => {
    const { outcome, ms } = await timed('alloc');
    expect(outcome.verdict.kind).toBe('resource');
    expect((outcome.verdict as { message: string }).message).toMatch(/^memory limit exceeded/);
    expect(ms).toBeLessThan(TIMEOUT_MS + 3000);
  });

  it('a runtime that exits 0 with no output is recorded as a crash, not as success', async () => {
    const { outcome } = await timed('silent');
    expect(outcome.verdict).toMatchObject({ kind: 'crash', message: 'the driver wrote nothing' });
  });

  it('after all of them, the next plan still runs to exact results', async () => {
    const { outcome } = await timed('good');
    expect(outcome.verdict.kind).toBe('ok');
    expect(outcome.invocations).toEqual([
      { kind: 'values', values: [{ type: 'i32', bits: 42 }] },
      { kind: 'values', values: [{ type: 'i32', bits: 2 }] },
    ]);
  });

  it('a process group is killed whole: a runtime child left behind dies with it', async () => {
    const script = join(dir, 'orphan.cjs');
    const marker = join(dir, 'orphan-alive');
    // the child outlives its parent unless the group is killed
    const late = `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 1500)`;
    writeFileSync(script, `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(late)}], { stdio: 'ignore' }); setInterval(() => {}, 1000);`);
    const r = await runProcess([process.execPath, script], { timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    await new Promise((done) => setTimeout(done, 2000));
    expect(existsSync(marker)).toBe(false);
  });
});
