// The loop against the fault-injection adapter: each injected bug is found
// within a small case budget, minimised to a handful of instructions, and
// the same bug found again is one finding seen twice; a finding that no
// longer reproduces on another runtime version is marked fixed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultyAdapter, type Fault } from '../../adapters/faulty.js';
import { ReferenceAdapter } from '../../adapters/reference/reference.js';
import type { Adapter } from '../../adapters/adapter.js';
import { openStore } from '../store/store.js';
import { fuzz, type FuzzOptions } from './loop.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Scenario {
  fault: Fault;
  kind: string;
  opcode?: string;
  options: Partial<FuzzOptions>;
}

const SCENARIOS: Scenario[] = [
  { fault: 'rem-sign', kind: 'wrong-result', opcode: 'i32.rem_s', options: { focus: ['i32.rem_s'], cases: 4 } },
  { fault: 'f32-min-zero', kind: 'wrong-result', opcode: 'f32.min', options: { focus: ['f32.min'], cases: 4 } },
  { fault: 'fill-no-trap', kind: 'missing-trap', opcode: 'memory.fill', options: { focus: ['memory.fill'], cases: 4 } },
  // mutated modules only: type errors among the invalid ones
  { fault: 'accept-type-mismatch', kind: 'accepts-invalid', options: { mix: { valid: 0, instruction: 0, mutated: 1, smith: 0 }, cases: 40 } },
];

async function run(adapter: Adapter, db: string, options: Partial<FuzzOptions>) {
  const store = openStore(db);
  try {
    return { summary: await fuzz({ seed: 11, runtimes: [adapter], store, digest: false, chunk: 10, ...options }), findings: store.listFindings() };
  } finally {
    store.close();
  }
}

describe.each(SCENARIOS)('fuzz finds the injected $fault fault', ({ fault, kind, opcode, options }) => {
  const db = join(dir, `${fault}.db`);
  const adapter = new FaultyAdapter(fault);
  afterAll(() => adapter.close());

  it(`as a ${kind} finding, minimised to a handful of instructions`, async () => {
    const { summary, findings } = await run(adapter, db, options);
    expect(summary.newFindings).toBeGreaterThan(0);
    const found = summary.seen.find((s) => s.kind === kind)!;
    expect(found, JSON.stringify(summary.seen)).toBeDefined();
    expect(found.runtimes).toEqual([adapter.id]);
    expect(found.instructions).toBeGreaterThanOrEqual(0);
    expect(found.instructions).toBeLessThanOrEqual(5);
    const stored = findings.find((f) => f.id === found.id)!;
    expect(stored.wat).toContain('(module');
    if (opcode) expect(stored.wat).toContain(opcode);
  }, 180_000);

  it('and the same bug found again is the same finding, seen once more', async () => {
    const before = openStore(db);
    const counts = new Map(before.listFindings().map((f) => [f.id, f.count]));
    before.close();
    const { summary, findings } = await run(adapter, db, options);
    expect(summary.newFindings).toBe(0);
    const again = summary.seen.find((s) => s.kind === kind)!;
    expect(findings.find((f) => f.id === again.id)!.count).toBeGreaterThan(counts.get(again.id)!);
  }, 180_000);
});

describe('re-checking stored findings', () => {
  it('marks a finding fixed when a newer version of the runtime no longer shows it', async () => {
    const db = join(dir, 'recheck.db');
    const buggy = new FaultyAdapter('rem-sign');
    const first = await run(buggy, db, { focus: ['i32.rem_s'], cases: 1 });
    await buggy.close();
    expect(first.findings.length).toBe(1);
    // the "next release": the same adapter id, without the bug, on a new version
    const fixed = Object.assign(new ReferenceAdapter(), { id: buggy.id, available: async () => ({ ok: true as const, version: 'fault fixed' }) });
    const second = await run(fixed, db, { cases: 1, mix: { valid: 0, instruction: 1, mutated: 0, smith: 0 } });
    await fixed.close();
    expect(second.summary.recheck.fixed).toEqual([{ id: first.findings[0]!.id, fixedIn: { [buggy.id]: 'fault fixed' } }]);
    expect(second.findings.find((f) => f.id === first.findings[0]!.id)!.status).toBe('fixed');
  }, 180_000);
});
