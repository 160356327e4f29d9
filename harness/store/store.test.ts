// The store on real SQLite files: schema, reopening, and what each part
// gives back for what was put in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, StoreError, type NewFinding, type Store } from './store.js';
import { SCHEMA_VERSION } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `t${n++}.db`);

const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function finding(signature: string, over: Partial<NewFinding> = {}): NewFinding {
  return {
    signature,
    kind: 'wrong-result',
    summary: `summary of ${signature}`,
    runtimes: ['wasmtime'],
    details: { expected: 'i32:00000001', actual: { wasmtime: 'i32:00000000' } },
    repro: { wasmtime: 'wasmtime run m.wasm' },
    ...over,
  };
}

function withStore<T>(fn: (s: Store) => T, path = freshPath()): T {
  const s = openStore(path);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

describe('schema', () => {
  it('an absent file is created at the current version, in WAL mode, marked as wasmdiff, with every table', () => {
    const path = join(dir, 'sub', 'folder', 'new.db');
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'application'`).pluck().get()).toBe('wasmdiff');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['runs', 'runtimes', 'modules', 'cases', 'outcomes', 'findings', 'finding_sightings', 'spec_results', 'timings', 'coverage', 'meta']),
    );
    db.close();
  });

  it('reopening keeps the data and does not migrate again', () => {
    const path = freshPath();
    const runId = withStore((s) => {
      const r = s.beginRun('fuzz', { seed: 42 });
      s.recordFinding(finding('a'), r);
      return r;
    }, path);
    withStore((s) => {
      expect(s.runs().map((r) => r.id)).toEqual([runId]);
      expect(s.runs()[0]!.options).toEqual({ seed: 42 });
      expect(s.listFindings().map((f) => f.signature)).toEqual(['a']);
    }, path);
  });
});

describe('runs, runtimes, modules, cases, outcomes', () => {
  it('a run records the command, options, host and its end', () => {
    withStore((s) => {
      const id = s.beginRun('spec', { files: ['i32.wast'] });
      expect(s.getRun(id)!.finishedAt).toBeNull();
      s.finishRun(id, { failed: 3 });
      const run = s.getRun(id)!;
      expect(run.command).toBe('spec');
      expect(run.summary).toEqual({ failed: 3 });
      expect(run.finishedAt).not.toBeNull();
      expect(run.host.cpus).toBeGreaterThan(0);
      expect(run.host.node).toBe(process.version);
    });
  });

  it('runs() lists the newest first, up to the limit', () => {
    withStore((s) => {
      const ids = [1, 2, 3].map(() => s.beginRun('bench', {}));
      expect(s.runs(2).map((r) => r.id)).toEqual([ids[2], ids[1]]);
    });
  });

  it('a runtime is one row per name and version; features are kept when not given again', () => {
    withStore((s) => {
      const a = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25.0.1', features: { simd: true } });
      expect(s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25.0.1' })).toBe(a);
      const b = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '26.0.0', features: { simd: false } });
      expect(b).not.toBe(a);
      expect(s.runtimes().map((r) => [r.version, r.features])).toEqual([
        ['25.0.1', { simd: true }],
        ['26.0.0', { simd: false }],
      ]);
    });
  });

  it('modules are stored once by sha256, the WAT added when first known', () => {
    withStore((s) => {
      const h = s.putModule(EMPTY_MODULE);
      expect(h).toBe('93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476');
      expect(s.putModule(EMPTY_MODULE, '(module)')).toBe(h);
      expect(s.getModule(h)).toEqual({ hash: h, bytes: EMPTY_MODULE, wat: '(module)' });
      expect(s.getModule('0'.repeat(64))).toBeUndefined();
    });
  });

  it('cases are idempotent and outcomes keep bigints and bytes exactly', () => {
    withStore((s) => {
      const run = s.beginRun('diff', {});
      const rt = s.upsertRuntime({ name: 'v8', engine: 'V8', version: '11.3' });
      const moduleHash = s.putModule(EMPTY_MODULE);
      const invocations = [{ export: 'f', args: [{ type: 'i64', bits: 0xffff_ffff_ffff_ffffn }] }];
      const c = s.putCase({ moduleHash, invocations, source: 'fuzz', origin: 'seed 42 #17' });
      expect(s.putCase({ moduleHash, invocations, source: 'fuzz', origin: 'seed 42 #17' })).toBe(c);
      expect(s.putCase({ moduleHash, invocations, source: 'fuzz', origin: 'seed 42 #18' })).not.toBe(c);
      expect(s.getCase(c)).toEqual({ id: c, moduleHash, invocations, source: 'fuzz', origin: 'seed 42 #17' });
      const outcome = { verdict: { kind: 'ok' }, invocations: [{ kind: 'values', values: [{ type: 'v128', bytes: new Uint8Array(16).fill(7) }, { type: 'f64', bits: 0x7ff8000000000001n }] }] };
      s.putOutcome({ caseId: c, runtimeId: rt, runId: run, outcome, durationMs: 1.5 });
      expect(s.outcomes(run)).toEqual([{ caseId: c, runtimeId: rt, runId: run, outcome, durationMs: 1.5 }]);
    });
  });

  it('an outcome for a run that does not exist is a StoreError, not a stack of SQLite', () => {
    withStore((s) => {
      const c = s.putCase({ moduleHash: s.putModule(EMPTY_MODULE), invocations: [], source: 'spec', origin: 'x' });
      expect(() => s.putOutcome({ caseId: c, runtimeId: 99, runId: 99, outcome: {} })).toThrow(StoreError);
    });
  });
});

describe('findings', () => {
  it('a repeated finding is not new, increments count, moves last_run and adds a sighting', () => {
    withStore((s) => {
      const r1 = s.beginRun('fuzz', {});
      const r2 = s.beginRun('fuzz', {});
      const first = s.recordFinding(finding('sig-1', { moduleBytes: EMPTY_MODULE, wat: '(module)' }), r1);
      expect(first).toEqual({ id: first.id, isNew: true, count: 1, reopened: false });
      const again = s.recordFinding(finding('sig-1'), r2);
      expect(again).toEqual({ id: first.id, isNew: false, count: 2, reopened: false });
      const f = s.getFinding(first.id)!;
      expect([f.count, f.firstRunId, f.lastRunId, f.status]).toEqual([2, r1, r2, 'open']);
      expect(f.moduleHash).toBe(s.putModule(EMPTY_MODULE));
      expect(f.wat).toBe('(module)');
      expect(f.details).toEqual(finding('x').details);
      expect(s.sightings(first.id).map((x) => x.runId)).toEqual([r1, r2]);
    });
  });

  it('a repeat with a smaller module replaces the stored module, WAT and repro; a larger one does not', () => {
    withStore((s) => {
      const run = s.beginRun('fuzz', {});
      const big = new Uint8Array([...EMPTY_MODULE, 0, 1, 0]);
      const { id } = s.recordFinding(finding('m', { moduleBytes: big, wat: 'big', repro: { wasmtime: 'big' } }), run);
      s.recordFinding(finding('m', { moduleBytes: EMPTY_MODULE, wat: 'small', repro: { wasmtime: 'small' } }), run);
      s.recordFinding(finding('m', { moduleBytes: big, wat: 'big', repro: { wasmtime: 'big' } }), run);
      const f = s.getFinding(id)!;
      expect([f.wat, f.repro, f.count]).toEqual(['small', { wasmtime: 'small' }, 3]);
    });
  });

  it('listFindings filters by status, runtime, kind, first run and sighting run', () => {
    withStore((s) => {
      const r1 = s.beginRun('fuzz', {});
      const r2 = s.beginRun('fuzz', {});
      const a = s.recordFinding(finding('a', { runtimes: ['wasmtime', 'wasm3'] }), r1).id;
      const b = s.recordFinding(finding('b', { runtimes: ['v8'], kind: 'missing-trap' }), r1).id;
      const c = s.recordFinding(finding('c', { runtimes: ['wasm3'] }), r2).id;
      s.recordFinding(finding('a', { runtimes: ['wasmtime', 'wasm3'] }), r2);
      s.setStatus(b, 'known');
      const ids = (filter: Parameters<Store['listFindings']>[0]) => s.listFindings(filter).map((f) => f.id);
      expect(ids({})).toEqual([a, b, c]);
      expect(ids({ status: 'open' })).toEqual([a, c]);
      expect(ids({ status: 'known' })).toEqual([b]);
      expect(ids({ runtime: 'wasm3' })).toEqual([a, c]);
      expect(ids({ runtime: 'wasm' })).toEqual([]);
      expect(ids({ kind: 'missing-trap' })).toEqual([b]);
      expect(ids({ sinceRunId: r1 })).toEqual([c]);
      expect(ids({ seenInRunId: r2 })).toEqual([a, c]);
      expect(ids({ seenInRunId: r2, runtime: 'wasmtime' })).toEqual([a]);
      expect(() => s.listFindings({ status: 'closed' })).toThrow(/unknown finding status 'closed'/);
    });
  });

  it('a fixed finding seen again on the fixed version or later re-opens; on an older version it stays fixed', () => {
    withStore((s) => {
      const run = s.beginRun('fuzz', {});
      const { id } = s.recordFinding(finding('f'), run);
      s.markFixed(id, { wasmtime: '25.0.0' }, run);
      expect(s.getFinding(id)).toMatchObject({ status: 'fixed', fixedIn: { wasmtime: '25.0.0' }, fixedRunId: run });
      s.recordFinding(finding('f', { versions: { wasmtime: '24.0.2' } }), run);
      expect(s.getFinding(id)!.status).toBe('fixed');
      s.recordFinding(finding('f', { versions: { wasmtime: '25.0.1' } }), run);
      const f = s.getFinding(id)!;
      expect([f.status, f.fixedIn, f.count]).toEqual(['open', null, 3]);
      expect(s.sightings(id).at(-1)!.note).toMatch(/re-opened: seen on wasmtime 25\.0\.1, marked fixed in 25\.0\.0/);
    });
  });

  it("without versions on the finding, the run's recorded runtimes decide; unknown versions re-open", () => {
    withStore((s) => {
      const old = s.beginRun('diff', {});
      const unknown = s.beginRun('diff', {});
      const rt = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '24.0.0' });
      s.putTimings([{ runId: old, runtimeId: rt, program: 'p', phase: 'wall', iteration: 0, ms: 1 }]);
      const { id } = s.recordFinding(finding('g'), old);
      s.markFixed(id, { wasmtime: '25.0.0' }, old);
      s.recordFinding(finding('g'), old);
      expect(s.getFinding(id)!.status).toBe('fixed');
      s.recordFinding(finding('g'), unknown);
      expect(s.getFinding(id)!.status).toBe('open');
      expect(s.sightings(id).at(-1)!.note).toMatch(/version of wasmtime unknown/);
    });
  });

  it('known stays known when seen again; setStatus and markFixed refuse an unknown id', () => {
    withStore((s) => {
      const run = s.beginRun('fuzz', {});
      const { id } = s.recordFinding(finding('k'), run);
      s.setStatus(id, 'known');
      s.recordFinding(finding('k'), run);
      expect(s.getFinding(id)!.status).toBe('known');
      expect(() => s.setStatus(999, 'open')).toThrow(/no finding 999 in .*t\d+\.db/);
      expect(() => s.markFixed(999, {}, run)).toThrow(StoreError);
    });
  });
});

describe('spec results, timings, coverage', () => {
  it('specMatrix: the latest spec run by default, runtimes by name, one row per file with a cell per runtime', () => {
    withStore((s) => {
      expect(s.specMatrix()).toBeUndefined();
      const v8 = s.upsertRuntime({ name: 'v8', engine: 'V8', version: '11' });
      const wt = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25' });
      const r1 = s.beginRun('conformance', {});
      s.putSpecResults(r1, [{ runtimeId: v8, file: 'old.wast', passed: 1, failed: 0, unsupported: 0, reasons: [] }]);
      const r2 = s.beginRun('conformance', {});
      s.putSpecResults(r2, [
        { runtimeId: wt, file: 'i32.wast', passed: 10, failed: 2, unsupported: 0, reasons: ['i32.wast:12: expected trap'] },
        { runtimeId: v8, file: 'i32.wast', passed: 12, failed: 0, unsupported: 0, reasons: [] },
        { runtimeId: v8, file: 'f32.wast', passed: 5, failed: 0, unsupported: 1, reasons: ['simd'] },
      ]);
      const m = s.specMatrix()!;
      expect(m.runId).toBe(r2);
      expect(m.runtimes.map((r) => r.name)).toEqual(['v8', 'wasmtime']);
      expect(m.rows).toEqual([
        { file: 'f32.wast', cells: { v8: { passed: 5, failed: 0, unsupported: 1, reasons: ['simd'] } } },
        {
          file: 'i32.wast',
          cells: {
            v8: { passed: 12, failed: 0, unsupported: 0, reasons: [] },
            wasmtime: { passed: 10, failed: 2, unsupported: 0, reasons: ['i32.wast:12: expected trap'] },
          },
        },
      ]);
      expect(s.specMatrix(r1)!.rows.map((r) => r.file)).toEqual(['old.wast']);
      expect(s.specMatrix(r2 + 100)).toBeUndefined();
    });
  });

  it('timings come back in order with null rss where none was given', () => {
    withStore((s) => {
      const run = s.beginRun('bench', {});
      const rt = s.upsertRuntime({ name: 'wasm3', engine: 'Wasm3', version: '0.5.0' });
      const rows = [
        { runId: run, runtimeId: rt, program: 'fib', phase: 'compile' as const, iteration: 0, ms: 1.25, rssKb: 2048 },
        { runId: run, runtimeId: rt, program: 'fib', phase: 'execute' as const, iteration: 0, ms: 10.5, rssKb: null },
      ];
      s.putTimings(rows);
      expect(s.timings(run)).toEqual(rows);
      expect(() => s.putTimings([{ ...rows[0]!, phase: 'link' as 'wall' }])).toThrow(StoreError);
      expect(s.timings(run)).toHaveLength(2);
    });
  });

  it('coverage adds up per run; the latest run by default', () => {
    withStore((s) => {
      expect(s.coverage().size).toBe(0);
      const r1 = s.beginRun('fuzz', {});
      const r2 = s.beginRun('fuzz', {});
      s.putCoverage(r1, new Map([['i32.add', 5]]));
      s.putCoverage(r2, new Map([['i32.add', 1], ['f32.div', 2]]));
      s.putCoverage(r2, new Map([['i32.add', 3]]));
      expect(s.coverage()).toEqual(new Map([['f32.div', 2], ['i32.add', 4]]));
      expect(s.coverage(r1)).toEqual(new Map([['i32.add', 5]]));
    });
  });
});

describe('transactions', () => {
  it('a throw inside transaction() rolls back everything it wrote, nested writes included', () => {
    withStore((s) => {
      const run = s.beginRun('fuzz', {});
      expect(() =>
        s.transaction(() => {
          s.recordFinding(finding('lost'), run);
          s.putCoverage(run, new Map([['nop', 1]]));
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(s.listFindings()).toEqual([]);
      expect(s.coverage(run).size).toBe(0);
      expect(s.transaction(() => s.recordFinding(finding('kept'), run).isNew)).toBe(true);
      expect(s.listFindings().map((f) => f.signature)).toEqual(['kept']);
    });
  });

  it('a batch with one bad row stores none of it', () => {
    withStore((s) => {
      const run = s.beginRun('conformance', {});
      const rt = s.upsertRuntime({ name: 'v8', engine: 'V8', version: '1' });
      const good = { runtimeId: rt, file: 'a.wast', passed: 1, failed: 0, unsupported: 0, reasons: [] };
      expect(() => s.putSpecResults(run, [good, { ...good, file: 'b.wast', runtimeId: 12345 }])).toThrow(StoreError);
      expect(s.specMatrix(run)).toBeUndefined();
      expect(s.integrityCheck()).toEqual(['ok']);
    });
  });
});
