// `wasmdiff show ID --markdown` writes the issue a maintainer wants: the
// title, the runtime with its exact version, flags and platform, the WAT
// inline, expected vs actual with the spec section that decides it, the
// other runtimes, one command per runtime, and the number of sightings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { wasm } from '../compare/scripted-runtime.js';
import { openStore } from '../store/store.js';
import { projectRoot } from '../testsuite.js';
import { causeSignature, type Cause } from './cause.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-issue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WAT = '(module (func (export "floor") (param f32) (result f32) (f32.floor (local.get 0))))';

describe('show --markdown', () => {
  it('prints the WAT, the exact versions, the spec reference, the commands and the sightings', () => {
    const db = join(dir, 'issue.db');
    const store = openStore(db);
    const run = store.beginRun('spec', {});
    for (const [name, engine] of [['wamr-fast', 'WAMR fast interpreter'], ['wamr-classic', 'WAMR classic interpreter']] as const) {
      store.upsertRuntime({ name, engine, version: '1.1.2 (WAMR iwasm)' });
    }
    const cause: Cause = { family: 'wamr', kind: 'wrong-result', culprit: 'NaN result not quieted (spec 4.3.3: an arithmetic NaN is required)', operandClass: 'snan' };
    for (const [runtime, line] of [['wamr-fast', 120], ['wamr-classic', 120], ['wamr-fast', 121]] as const) {
      store.recordFinding(
        {
          signature: causeSignature(cause), cause, kind: 'wrong-result', summary: 'wamr: NaN not quieted', runtimes: [runtime],
          moduleBytes: wasm(WAT), wat: WAT,
          details: {
            at: `f32.wast:${line}`, command: 'assert_return (invoke "floor" f32:0x7fa00000)', expected: 'f32:nan:arithmetic', oracle: 'f32:7fe00000',
            actual: { [runtime]: 'f32:7fa00000' }, invocations: [{ export: 'floor', args: ['f32:7fa00000'] }], others: { wasmtime: 'as expected', 'v8-node22': 'as expected' },
          },
          repro: { [runtime]: `/opt/${runtime}/iwasm --heap-size=0 driver.wasm` },
          versions: { [runtime]: '1.1.2 (WAMR iwasm)' },
          sighting: { runtime, version: '1.1.2 (WAMR iwasm)', source: 'spec', origin: `f32.wast:${line}` },
        },
        run,
      );
    }
    store.close();
    const tsx = pathToFileURL(join(projectRoot(), 'node_modules/tsx/dist/loader.mjs')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, join(projectRoot(), 'harness/cli/main.ts'), 'show', '1', '--db', db, '--markdown'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# WAMR: wrong result in `NaN result not quieted.*` with signalling NaN operands\n/);
    expect(md).toContain('**WAMR fast interpreter** (`wamr-fast`), version 1.1.2 (WAMR iwasm)');
    expect(md).toContain('**WAMR classic interpreter** (`wamr-classic`), version 1.1.2 (WAMR iwasm)');
    expect(md).toContain('command line and flags: `/opt/wamr-fast/iwasm --heap-size=0 driver.wasm`');
    expect(md).toMatch(/\*\*Platform:\*\* linux x64/);
    expect(md).toContain(`\`\`\`wat\n${WAT}\n\`\`\``);
    expect(md).toContain('| expected | `f32:nan:arithmetic` |');
    expect(md).toContain('| **wamr-fast** | `f32:7fa00000` |');
    expect(md).toContain('section 4.3.3 Floating-Point Operations (NaN propagation)');
    expect(md).toContain('- `wasmtime`: as expected');
    expect(md).toContain('- wamr-classic: `/opt/wamr-classic/iwasm --heap-size=0 driver.wasm`');
    expect(md).toContain('Seen 3 times (spec)');
    expect(md).toContain('- `(invoke "floor" f32:7fa00000)`');

    // the plain form lists the invocations too: their arguments are what the outcomes are read against
    const plain = spawnSync(process.execPath, ['--import', tsx, join(projectRoot(), 'harness/cli/main.ts'), 'show', '1', '--db', db], { encoding: 'utf8' });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('invocations (in order, on one instance; a fresh one after a trap):\n  0: (invoke "floor" f32:7fa00000)\n');
  });
});
