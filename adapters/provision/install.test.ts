// The real installs download from npm and Debian and build WAMR: minutes of
// work, so they run only when asked for with WASMDIFF_TEST_INSTALL=1.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installRuntime, type InstallOptions } from './install.js';
import { runtimeSpec } from './registry.js';
import { projectRoot } from '../../harness/testsuite.js';
import { readManifest, writeManifest } from './manifest.js';
import { runtimeStatus } from './status.js';
import { wamrSourceHash } from '../wamr/wamr-build.js';

const realInstalls = process.env.WASMDIFF_TEST_INSTALL === '1';
const root = mkdtempSync(join(tmpdir(), 'wasmdiff-install-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// wamr-classic has no PATH candidate, so the system PATH cannot make it 'available'.
const opts: InstallOptions = { installRoot: root, env: process.env, force: false, log: () => {} };

describe('installRuntime', () => {
  it('reports wasm3 as not installable, never as success', async () => {
    const outcome = await installRuntime(runtimeSpec('wasm3')!, { ...opts, env: { PATH: '' } });
    expect(outcome.status).toBe('not-installable');
    expect(outcome.message).toContain('WASMDIFF_WASM3');
  });

  it('turns a failed acquisition into one line and leaves no manifest behind', async () => {
    const spec = { ...runtimeSpec('v8-node22')!, pathCommands: [] };
    const outcome = await installRuntime(spec, { ...opts, env: { PATH: '' } }); // npm cannot even start
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/^install failed: `npm install .*could not run/);
    expect(outcome.message).not.toContain('\n');
    expect(existsSync(join(root, 'v8-node22', 'manifest.json'))).toBe(false);
  });

  const builtIwasm = join(projectRoot(), '.wasmdiff', 'runtimes', 'wamr-classic');
  const haveIwasm = readManifest(builtIwasm)?.builtFrom !== undefined;
  it.skipIf(!haveIwasm)(`rebuilds a WAMR built from other main.c sources instead of calling it installed${haveIwasm ? '' : ' (skipped: no wamr-classic installed here to copy)'}`, async () => {
    const spec = runtimeSpec('wamr-classic')!;
    const dir = join(root, 'wamr-classic');
    const install = (builtFrom: string) => {
      mkdirSync(join(dir, 'bin'), { recursive: true });
      copyFileSync(join(builtIwasm, 'bin', 'iwasm'), join(dir, 'bin', 'iwasm'));
      writeManifest(dir, { ...readManifest(builtIwasm)!, builtFrom });
    };
    install(wamrSourceHash());
    expect((await installRuntime(spec, { ...opts, env: { PATH: '' } })).status).toBe('already-installed');
    install('sha256 of an older main.c');
    // the rebuild is attempted: with an empty PATH it fails at once, for want of cmake
    const stale = await installRuntime(spec, { ...opts, env: { PATH: '' } });
    expect(stale.status).toBe('failed');
    expect(stale.message).toMatch(/cmake is not on PATH/);
  });

  it.skipIf(!realInstalls)('installs wamr-classic for real, then finds it and does not reinstall (set WASMDIFF_TEST_INSTALL=1)', async () => {
    const spec = runtimeSpec('wamr-classic')!;
    const first = await installRuntime(spec, opts);
    expect(first.status, first.message).toBe('installed');
    expect(first.manifest).toMatchObject({ version: '1.1.2', dialect: 'iwasm', versionDetail: 'WAMR iwasm, classic interpreter' });
    const status = await runtimeStatus(spec, opts);
    expect(status.found?.source).toBe('install');
    const second = await installRuntime(spec, opts);
    expect(second.status).toBe('already-installed');
  }, 600_000);

  it.skipIf(!realInstalls)('installs wasmtime (wizer) for real and reads the embedded Wasmtime version (set WASMDIFF_TEST_INSTALL=1)', async () => {
    // a real wasmtime on PATH is preferred and then nothing is installed
    const outcome = await installRuntime(runtimeSpec('wasmtime')!, opts);
    expect(['installed', 'available'], outcome.message).toContain(outcome.status);
    if (outcome.status === 'installed') expect(outcome.manifest?.versionDetail).toMatch(/^Wasmtime \d+\.\d+\.\d+ inside (npm )?wizer/);
  }, 600_000);
});
