import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchEngine, BenchProgram, BenchRun, BenchRunOptions, Phase } from '../../adapters/bench-runner.js';
import { timedUnavailable } from '../../adapters/bench-timed.js';
import { V8BenchEngine } from '../../adapters/v8/bench-engine.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { openStore, type Store } from '../store/store.js';
import { runBench, type BenchTarget } from './run-bench.js';
import { SyntheticEngine } from './fixtures/synthetic-engine.js';
import { printBenchText } from './table.js';

/** What the fixture prints: the 32-bit LCG state after n steps from 1. */
function lcg(n: number): string {
  let x = 1;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  return String(x);
}

let dir: string;
let wasmPath: string;
let store: Store;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmdiff-bench-test-'));
  wasmPath = join(dir, 'lcg.wasm');
  writeFileSync(wasmPath, encodeModule(parseWat(readFileSync(new URL('./fixtures/lcg.wat', import.meta.url), 'utf8'))));
  store = openStore(join(dir, 'bench.db'));
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const program = (name: string, n: number): BenchTarget => ({ name, wasmPath, args: [String(n)], expectedChecksum: lcg(n) });

/** An engine that runs V8 but corrupts what the program prints: a miscompiling engine. */
class LyingEngine implements BenchEngine {
  readonly id = 'liar';
  readonly engine = 'a miscompiling engine';
  readonly phases: readonly Phase[] = [];
  private readonly v8 = new V8BenchEngine('v8');
  available = () => this.v8.available();
  async run(p: BenchProgram, o: BenchRunOptions): Promise<BenchRun> {
    const r = await this.v8.run(p, o);
    return r.kind === 'ok' ? { ...r, stdout: `${Number(r.stdout.trim()) ^ 1}\n` } : r;
  }
}

/** An engine whose process dies of SIGSEGV on one program after printing, as Node's WASI fast calls can (nodejs/node#46777). */
class CrashingEngine extends SyntheticEngine {
  override async run(p: BenchProgram): Promise<BenchRun> {
    if (p.name !== 'p2') return super.run(p);
    return { kind: 'crash', reason: 'exit status 139 (SIGSEGV)', signal: 'SIGSEGV', argv: ['crashvm', p.wasmPath, ...p.args], stderr: 'FATAL: GC inside a fast API call\n' };
  }
}

describe('runBench', () => {
  it.skipIf(timedUnavailable() !== undefined)(`a wrong checksum is a finding and its cell says so; good cells get medians with intervals ${timedUnavailable() ?? ''}`, async () => {
    const programs = [program('lcg-small', 1000), program('lcg-large', 200000)];
    const report = await runBench({ programs, engines: [new V8BenchEngine('v8'), new LyingEngine()], store, runs: 8, warmup: 1, budgetMs: 600_000, timeoutMs: 30_000, seed: 1 });

    for (const name of ['lcg-small', 'lcg-large']) {
      const good = report.cells.find((c) => c.program === name && c.engine === 'v8')!;
      expect(good.status).toBe('ok');
      expect(good.wall!.n).toBe(8);
      expect(good.wall!.low).toBeLessThanOrEqual(good.wall!.median);
      expect(good.wall!.high).toBeGreaterThanOrEqual(good.wall!.median);
      expect(good.phases.execute).toBeDefined();
      expect(good.rssKb).toBeGreaterThan(1000);
      expect(good.ratioToFastest!.ratio).toBe(1);
      const bad = report.cells.find((c) => c.program === name && c.engine === 'liar')!;
      expect(bad.status).toBe('wrong-checksum');
      expect(bad.reason).toContain(`expected ${lcg(name === 'lcg-small' ? 1000 : 200000)}`);
    }

    const findings = store.listFindings({ kind: 'wrong-checksum' });
    expect(findings.map((f) => f.runtimes)).toEqual([['liar'], ['liar']]);
    const details = findings.find((f) => f.summary.includes('lcg-small'))!.details as { expected: string; actual: string };
    expect(details).toMatchObject({ expected: lcg(1000), actual: String(Number(lcg(1000)) ^ 1) });

    const rows = store.timings(report.runId);
    const v8Walls = rows.filter((r) => r.phase === 'wall' && r.program === 'lcg-small');
    expect(v8Walls).toHaveLength(8);
    expect(rows.filter((r) => r.phase === 'compile' && r.program === 'lcg-large')).toHaveLength(8);
    expect(printBenchText(report)).toMatch(/lcg-small on liar: wrong checksum/);
  }, 120_000);

  it('an engine that dies of a signal is a crash finding with the command and what it said; its cell says crash', async () => {
    const programs = ['p1', 'p2'].map((n, k) => program(n, k + 1));
    const report = await runBench({ programs, engines: [new CrashingEngine('crashvm', () => 100, programs)], store, runs: 8, warmup: 1, budgetMs: 600_000, timeoutMs: 10_000, seed: 3 });
    const cell = report.cells.find((c) => c.program === 'p2')!;
    expect([cell.status, cell.reason]).toEqual(['crash', 'crash: exit status 139 (SIGSEGV)']);
    expect(report.cells.find((c) => c.program === 'p1')!.status).toBe('ok');
    const [f] = store.listFindings({ kind: 'crash' });
    expect(f!.runtimes).toEqual(['crashvm']);
    expect(f!.details).toMatchObject({ program: 'p2', signal: 'SIGSEGV', stderr: 'FATAL: GC inside a fast API call\n' });
    expect(f!.repro).toEqual({ crashvm: `crashvm ${wasmPath} 2` });
    expect(printBenchText(report)).toMatch(/p2 on crashvm: crash: exit status 139/);
  });

  it('an engine far slower than the others of its tier, beyond its usual ratio, is stored as a performance finding with the numbers', async () => {
    const programs = ['p1', 'p2', 'p3', 'p4'].map((n, k) => program(n, k + 1));
    // three interpreters: wasmedge is usually 2x the tier's median, and 10x on p3
    const fast = new SyntheticEngine('wamr-fast', () => 100, programs);
    const classic = new SyntheticEngine('wamr-classic', () => 110, programs);
    const slow = new SyntheticEngine('wasmedge', (p) => (p === 'p3' ? 1000 : 200), programs);
    const report = await runBench({ programs, engines: [fast, classic, slow], store, runs: 10, warmup: 1, budgetMs: 600_000, timeoutMs: 10_000, seed: 2 });

    expect(report.anomalies.map((a) => [a.engine, a.program, a.direction])).toEqual([['wasmedge', 'p3', 'slower']]);
    const f = store.listFindings({ kind: 'performance' });
    expect(f).toHaveLength(1);
    expect(f[0]!.runtimes).toEqual(['wasmedge']);
    const d = f[0]!.details as { usualRatio: number; ratioToFastest: { ratio: number; low: number }; threshold: number };
    expect(d.usualRatio).toBeCloseTo(1.8, 0);
    expect(d.ratioToFastest.ratio).toBeGreaterThan(8);
    expect(d.ratioToFastest.low).toBeGreaterThan(d.usualRatio * d.threshold);
  });
});
