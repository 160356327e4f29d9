// Store throughput on a scratch file: what a fuzzer or a spec run can write
// per second, one transaction per call versus batched. Prints figures; not a test.
//   npx tsx harness/store/store.bench.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-store-bench-'));
const path = join(dir, 'bench.db');
const s = openStore(path);

function rate(label: string, n: number, fn: (i: number) => void): void {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  report(label, n, ms);
}

function report(label: string, n: number, ms: number): void {
  console.log(`${label.padEnd(48)} ${String(n).padStart(7)} in ${ms.toFixed(0).padStart(6)} ms = ${((ms * 1000) / n).toFixed(0).padStart(7)} µs each`);
}

const run = s.beginRun('bench', {});
const rt = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25.0.1' });
const module = new Uint8Array(200).fill(1);
const hash = s.putModule(module);
const outcome = { verdict: { kind: 'ok' }, invocations: [{ kind: 'values', values: [{ type: 'i64', bits: 123n }] }] };
const finding = (i: number) => ({ signature: `sig ${i % 2000}`, kind: 'wrong-result', summary: 's', runtimes: ['wasmtime'], details: { i }, repro: {} });

rate('recordFinding, one transaction each', 5000, (i) => s.recordFinding(finding(i), run));
rate('putCase + putOutcome, one transaction each', 5000, (i) => {
  const caseId = s.putCase({ moduleHash: hash, invocations: [{ export: 'f', args: [i] }], source: 'bench', origin: `#${i}` });
  s.putOutcome({ caseId, runtimeId: rt, runId: run, outcome });
});
const batched = 50_000;
const t0 = performance.now();
s.transaction(() => {
  for (let i = 0; i < batched; i++) {
    const caseId = s.putCase({ moduleHash: hash, invocations: [{ export: 'g', args: [i] }], source: 'bench', origin: `#${i}` });
    s.putOutcome({ caseId, runtimeId: rt, runId: run, outcome });
  }
});
const ms = performance.now() - t0;
report('putCase + putOutcome, one transaction for all', batched, ms);
rate('listFindings (2000 findings)', 20, () => s.listFindings({ runtime: 'wasmtime' }));
rate('outcomes(run) (60000 rows)', 3, () => s.outcomes(run));
s.close();
console.log(`file size ${(statSync(path).size / 1e6).toFixed(1)} MB`);
rmSync(dir, { recursive: true, force: true });
