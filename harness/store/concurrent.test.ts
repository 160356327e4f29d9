// Two processes writing to one database at once (as two CI jobs sharing a
// store do): both finish, every row is there, the file is sound.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../testsuite.js';
import { openStore } from './store.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const PER_WRITER = 300;
const SHARED = 50;

// each writer opens the (possibly fresh) file itself, so migration races too
const writer = join(dir, 'writer.ts');
writeFileSync(
  writer,
  `import { openStore } from ${JSON.stringify(pathToFileURL(join(root, 'harness/store/store.ts')).href)};
const [path, name] = process.argv.slice(2);
const s = openStore(path);
const run = s.beginRun('fuzz', { writer: name });
const rt = s.upsertRuntime({ name: 'wasmtime', engine: 'Wasmtime', version: '25.0.1' });
for (let i = 0; i < ${PER_WRITER}; i++) {
  const base = { kind: 'wrong-result', summary: 's', runtimes: ['wasmtime'], details: { i }, repro: {} };
  s.recordFinding({ ...base, signature: name + ' ' + i }, run);
  if (i < ${SHARED}) s.recordFinding({ ...base, signature: 'shared ' + i }, run);
  if (i % 10 === 0) s.putTimings([{ runId: run, runtimeId: rt, program: name, phase: 'wall', iteration: i, ms: i }]);
}
s.finishRun(run, { done: true });
s.close();
`,
);

function runWriter(path: string, name: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, writer, path, name], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('two processes writing at once', () => {
  it('both finish and every finding, sighting, run and timing is present; integrity_check is ok', async () => {
    const path = join(dir, 'shared.db');
    const results = await Promise.all([runWriter(path, 'alpha'), runWriter(path, 'beta')]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const s = openStore(path);
    try {
      const findings = s.listFindings();
      expect(findings).toHaveLength(2 * PER_WRITER + SHARED);
      const shared = findings.filter((f) => f.signature.startsWith('shared '));
      expect(shared.every((f) => f.count === 2)).toBe(true);
      expect(shared.reduce((n, f) => n + s.sightings(f.id).length, 0)).toBe(2 * SHARED);
      const runs = s.runs();
      expect(runs.map((r) => r.summary)).toEqual([{ done: true }, { done: true }]);
      for (const r of runs) expect(s.timings(r.id)).toHaveLength(PER_WRITER / 10);
      expect(s.runtimes()).toHaveLength(1);
      expect(s.integrityCheck()).toEqual(['ok']);
    } finally {
      s.close();
    }
  });
});
