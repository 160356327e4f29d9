import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCandidates, findOnPath, isExecutableFile, type LocateContext } from './locate.js';
import { writeManifest, type Manifest } from './manifest.js';
import { runtimeSpec, type RuntimeSpec } from './registry.js';
import { runtimeStatus } from './status.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasmdiff-locate-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A shell script standing in for a runtime: prints `versionLine` for --version. */
function fakeExecutable(path: string, versionLine: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\necho '${versionLine}'\n`);
  chmodSync(path, 0o755);
  return path;
}

function fakeInstall(root: string, name: string, versionLine: string): string {
  const dir = join(root, name);
  const binary = fakeExecutable(join(dir, 'bin', 'tool'), versionLine);
  const manifest: Manifest = {
    name,
    version: 'from-manifest',
    versionDetail: '',
    method: 'wamr-build',
    obtainedBy: 'test',
    dialect: 'iwasm',
    binary: 'bin/tool',
    components: [],
    installedAt: new Date(0).toISOString(),
    installSeconds: 0,
    sizeBytes: 0,
  };
  writeManifest(dir, manifest);
  return binary;
}

const spec = (name: string): RuntimeSpec => runtimeSpec(name)!;

describe('findCandidates order: env var, then PATH, then install folder', () => {
  it('lists all three places, env first', () => {
    const installRoot = join(tmp, 'runtimes');
    const installed = fakeInstall(installRoot, 'wasmedge', 'wasmedge version 1.0.0');
    const onPath = fakeExecutable(join(tmp, 'pathdir', 'wasmedge'), 'wasmedge version 2.0.0');
    const fromEnv = fakeExecutable(join(tmp, 'envdir', 'my-wasmedge'), 'wasmedge version 3.0.0');
    const ctx: LocateContext = { installRoot, env: { PATH: join(tmp, 'pathdir'), WASMDIFF_WASMEDGE: fromEnv } };
    const { candidates } = findCandidates(spec('wasmedge'), ctx);
    expect(candidates.map((c) => [c.source, c.binary])).toEqual([
      ['env', fromEnv],
      ['path', onPath],
      ['install', installed],
    ]);
  });

  it('notes an env var that names no executable and falls through', () => {
    const ctx: LocateContext = { installRoot: join(tmp, 'none'), env: { PATH: '', WASMDIFF_WASM3: join(tmp, 'nope') } };
    const { candidates, notes } = findCandidates(spec('wasm3'), ctx);
    expect(candidates).toEqual([]);
    expect(notes.join('\n')).toContain('WASMDIFF_WASM3=');
  });

  it('looks a bare env var value up on PATH', () => {
    const onPath = fakeExecutable(join(tmp, 'pathdir', 'wasm3-dev'), 'Wasm3 v0.9.9 on x86_64');
    const ctx: LocateContext = { installRoot: join(tmp, 'none'), env: { PATH: join(tmp, 'pathdir'), WASMDIFF_WASM3: 'wasm3-dev' } };
    expect(findCandidates(spec('wasm3'), ctx).candidates[0]).toMatchObject({ source: 'env', binary: onPath });
  });

  it('reports an install folder without manifest as unfinished', () => {
    mkdirSync(join(tmp, 'runtimes', 'wamr-fast'), { recursive: true });
    const { candidates, notes } = findCandidates(spec('wamr-fast'), { installRoot: join(tmp, 'runtimes'), env: { PATH: '' } });
    expect(candidates).toEqual([]);
    expect(notes.join('\n')).toContain('unfinished install');
  });

  it('builds the loader command for a Debian extract', () => {
    const dir = join(tmp, 'runtimes', 'wasmedge');
    fakeExecutable(join(dir, 'root', 'lib', 'ld.so'), '');
    fakeExecutable(join(dir, 'root', 'usr', 'bin', 'wasmedge'), '');
    writeManifest(dir, {
      name: 'wasmedge', version: '1', versionDetail: '', method: 'debian-extract', obtainedBy: 'test', dialect: 'wasmedge',
      binary: 'root/usr/bin/wasmedge', loader: { interpreter: 'root/lib/ld.so', libraryPath: ['root/usr/lib', 'root/lib'] },
      components: [], installedAt: '', installSeconds: 0, sizeBytes: 0,
    });
    const [candidate] = findCandidates(spec('wasmedge'), { installRoot: join(tmp, 'runtimes'), env: { PATH: '' } }).candidates;
    expect(candidate?.command).toEqual([
      join(dir, 'root/lib/ld.so'), '--library-path', `${join(dir, 'root/usr/lib')}:${join(dir, 'root/lib')}`, join(dir, 'root/usr/bin/wasmedge'),
    ]);
  });
});

describe('runtimeStatus: the first candidate that runs wins, and its version is asked, not read', () => {
  it('prefers the env var over PATH and the install folder', async () => {
    const installRoot = join(tmp, 'runtimes');
    fakeInstall(installRoot, 'wasmedge', 'wasmedge version 1.0.0');
    fakeExecutable(join(tmp, 'pathdir', 'wasmedge'), 'wasmedge version 2.0.0');
    const fromEnv = fakeExecutable(join(tmp, 'envdir', 'w'), 'wasmedge version 3.0.0');
    const status = await runtimeStatus(spec('wasmedge'), { installRoot, env: { PATH: join(tmp, 'pathdir'), WASMDIFF_WASMEDGE: fromEnv } });
    expect(status.found).toMatchObject({ source: 'env', probe: { version: '3.0.0', dialect: 'wasmedge' } });
  });

  it('prefers PATH over the install folder', async () => {
    const installRoot = join(tmp, 'runtimes');
    fakeInstall(installRoot, 'wamr-fast', 'iwasm 1.1.2 (fast interpreter)');
    fakeExecutable(join(tmp, 'pathdir', 'iwasm'), 'iwasm 2.4.0');
    const status = await runtimeStatus(spec('wamr-fast'), { installRoot, env: { PATH: join(tmp, 'pathdir') } });
    expect(status.found).toMatchObject({ source: 'path', probe: { version: '2.4.0' } });
  });

  it('uses the install folder, probing the binary rather than trusting the manifest', async () => {
    const installRoot = join(tmp, 'runtimes');
    fakeInstall(installRoot, 'wamr-classic', 'iwasm 1.1.2 (classic interpreter)');
    const status = await runtimeStatus(spec('wamr-classic'), { installRoot, env: { PATH: '' } });
    expect(status.found).toMatchObject({ source: 'install', probe: { version: '1.1.2', detail: 'WAMR iwasm, classic interpreter' } });
  });

  it('skips a candidate whose --version fails and notes why', async () => {
    const broken = join(tmp, 'pathdir', 'wasm3');
    mkdirSync(join(tmp, 'pathdir'));
    writeFileSync(broken, '#!/bin/sh\necho boom >&2\nexit 3\n');
    chmodSync(broken, 0o755);
    const status = await runtimeStatus(spec('wasm3'), { installRoot: join(tmp, 'none'), env: { PATH: join(tmp, 'pathdir') } });
    expect(status.found).toBeUndefined();
    expect(status.notes.join('\n')).toMatch(/does not run: .*exited 3: boom/);
  });

  it('takes a PATH node for v8-node22 only when it is Node 22', async () => {
    const node = join(tmp, 'pathdir', 'node');
    mkdirSync(join(tmp, 'pathdir'));
    writeFileSync(node, '#!/bin/sh\nprintf "12.4.254.21-node.57 v22.1.0"\n');
    chmodSync(node, 0o755);
    const ctx = { installRoot: join(tmp, 'none'), env: { PATH: join(tmp, 'pathdir') } };
    expect((await runtimeStatus(spec('v8-node22'), ctx)).found?.probe).toEqual({ version: '12.4.254.21-node.57', detail: 'Node v22.1.0', dialect: 'node' });
    const other = await runtimeStatus(spec('v8-node24'), ctx);
    expect(other.found).toBeUndefined();
    expect(other.notes.join('\n')).toContain('not Node 24');
  });

  it('recognises a real wasmtime CLI by its --version', async () => {
    fakeExecutable(join(tmp, 'pathdir', 'wasmtime'), 'wasmtime 42.0.1 (abc 2026-01-01)');
    const status = await runtimeStatus(spec('wasmtime'), { installRoot: join(tmp, 'none'), env: { PATH: join(tmp, 'pathdir') } });
    expect(status.found?.probe).toMatchObject({ version: '42.0.1', dialect: 'wasmtime' });
  });
});

describe('findOnPath', () => {
  it('returns the first executable match and ignores non-executables and relative entries', () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    mkdirSync(a);
    writeFileSync(join(a, 'tool'), 'not executable');
    const wanted = fakeExecutable(join(b, 'tool'), '');
    expect(isExecutableFile(join(a, 'tool'))).toBe(false);
    expect(findOnPath('tool', ['relative', a, b].join(':'))).toBe(wanted);
    expect(findOnPath('missing', b)).toBeUndefined();
  });
});
