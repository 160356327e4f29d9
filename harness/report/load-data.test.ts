// The report through a real store: a temp SQLite database filled through
// the store's API, read by loadReportData, rendered; and `wasmdiff report`
// as a user runs it (one-line errors, nothing written on bad input).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { projectRoot } from '../testsuite.js';
import { loadReportData } from './load-data.js';
import { escapeHtml } from '../../reports/html/escape.js';
import { renderHtml } from '../../reports/render.js';
import { HOSTILE } from '../../reports/sample-data.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store with one spec run, one fuzz run with a finding seen twice, one bench run. */
function fillStore(path: string): void {
  const store = openStore(path);
  try {
    const wasmtime = store.upsertRuntime({ name: 'wasmtime', engine: 'wasmtime', version: '21.0.1' });
    const wasm3 = store.upsertRuntime({ name: 'wasm3', engine: 'wasm3', version: '0.5.0' });
    const spec = store.beginRun('spec', {});
    store.putSpecResults(spec, [
      { runtimeId: wasmtime, file: 'i32.wast', passed: 374, failed: 0, unsupported: 0, reasons: [] },
      { runtimeId: wasm3, file: 'i32.wast', passed: 370, failed: 4, unsupported: 0, reasons: [] },
      { runtimeId: wasm3, file: `simd${HOSTILE}.wast`, passed: 0, failed: 0, unsupported: 12, reasons: ['no simd'] },
    ]);
    store.finishRun(spec);
    const fuzz = store.beginRun('fuzz', {});
    const finding = {
      signature: 'wrong-result:wasm3:f32.nearest',
      kind: 'wrong-result',
      summary: `f32.nearest sign ${HOSTILE}`,
      runtimes: ['wasm3'],
      wat: '(module (func (export "f") (result f32) f32.const -0.5 f32.nearest))',
      details: { expected: { f32: 0x80000000n }, actual: { wasm3: { f32: 0n } } },
      repro: { wasm3: 'wasm3 --func f m.wasm' },
    };
    store.recordFinding(finding, fuzz);
    store.recordFinding(finding, fuzz);
    store.putCoverage(fuzz, new Map([['i32.add', 7], ['f32.nearest', 2]]));
    // what harness/fuzz/loop.ts stores as a fuzz run's summary
    store.finishRun(fuzz, {
      cases: 30, seconds: 3, casesPerSecond: 10, newFindings: 1, ran: { wasm3: 25 }, unsupported: { wasm3: 5 },
      phases: { generate: 100, run: 2000, compare: 500, triage: 400, recheck: 0 }, growth: [{ cases: 1, opcodes: 1 }, { cases: 4, opcodes: 2 }],
    });
    // an older fuzz run without a summary is not the one shown
    store.finishRun(store.beginRun('fuzz', {}));
    const bench = store.beginRun('bench', {});
    const rows = [wasmtime, wasm3].flatMap((runtimeId, r) =>
      [0, 1, 2, 3].map((iteration) => ({ runId: bench, runtimeId, program: 'fib', phase: 'wall' as const, iteration, ms: (r + 1) * 10 + iteration, rssKb: 2048 })),
    );
    store.putTimings(rows);
    store.finishRun(bench);
  } finally {
    store.close();
  }
}

describe('report data from a real store', () => {
  it('loads runs, matrix, findings and timings', () => {
    const path = join(dir, 'full.db');
    fillStore(path);
    const store = openStore(path);
    const data = loadReportData(store, new Date('2024-05-03T12:00:00Z'));
    store.close();
    expect(data.runs.map((r) => r.command)).toEqual(['bench', 'fuzz', 'fuzz', 'spec']);
    expect(data.fuzz).toMatchObject({ cases: 30, runtimes: [{ runtime: 'wasm3', ran: 25, setAside: 5 }], coverage: { executed: 2 }, growth: [{ cases: 1, opcodes: 1 }, { cases: 4, opcodes: 2 }] });
    expect(data.fuzz!.coverage.total).toBeGreaterThan(400);
    expect(data.matrix?.runtimes.sort()).toEqual(['wasm3', 'wasmtime']);
    expect(data.matrix?.rows.map((r) => r.file)).toEqual(['i32.wast', `simd${HOSTILE}.wast`]);
    expect(data.findings).toHaveLength(1);
    expect(data.findings[0]).toMatchObject({ kind: 'wrong-result', count: 2, status: 'open', runtimes: ['wasm3'], isNew: false });
    expect(data.performance?.samples).toHaveLength(8);
    expect(new Set(data.performance?.samples.map((s) => s.runtime))).toEqual(new Set(['wasmtime', 'wasm3']));

    const html = renderHtml(data);
    expect(html).toContain(escapeHtml(`simd${HOSTILE}.wast`));
    expect(html).toContain('{&quot;f32&quot;:&quot;2147483648&quot;}');
    expect(html).toContain('<canvas id="chart-ratio"');
    expect(html).toContain('<svg id="fuzz-growth"');
    expect(html).toMatch(/<th scope="row" class="rt">wasm3<\/th><td class="num">25<\/td><td class="num">5<\/td><td class="num">17%<\/td>/);
  });

  it('an empty store gives a page that says there is nothing yet', () => {
    const path = join(dir, 'empty.db');
    openStore(path).close();
    const store = openStore(path);
    const html = renderHtml(loadReportData(store));
    store.close();
    expect(html).toContain('Nothing stored yet');
  });
});

describe('wasmdiff report', () => {
  const root = projectRoot();
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const wasmdiff = (...args: string[]) => spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8' });

  it('writes the report from --db', () => {
    const path = join(dir, 'cli.db');
    fillStore(path);
    const r = wasmdiff('report', '--db', path, '-o', 'out/report.html');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
    expect(html).toContain('i32.wast');
  });

  it('refuses a missing database in one line, creating nothing', () => {
    const r = wasmdiff('report', '--db', 'nope.db', '-o', 'x.html');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('wasmdiff: report: no database at nope.db; pass --db with the file wasmdiff spec/bench wrote\n');
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('refuses a file that is not a database in one line, leaving it as it was', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a database\n'.repeat(100));
    const r = wasmdiff('report', '--db', path, '-o', 'y.html');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('not a database\n'.repeat(100));
    expect(existsSync(join(dir, 'y.html'))).toBe(false);
  });
});
