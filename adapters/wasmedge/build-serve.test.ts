// When an installed wasmedge-serve may be used: only when built from the
// current serve.c and present; otherwise a note says why and what to run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOnPath } from '../provision/locate.js';
import { readManifest, writeManifest, type Manifest } from '../provision/manifest.js';
import { buildServe, installedServe, SERVE_BINARY, serveSourceHash } from './build-serve.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmdiff-serve-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const base: Manifest = {
  name: 'wasmedge',
  version: '0.17.1',
  versionDetail: 'WasmEdge',
  method: 'debian-extract',
  obtainedBy: 'apt-get download wasmedge',
  dialect: 'wasmedge',
  binary: 'root/usr/bin/wasmedge',
  loader: { interpreter: 'root/ld.so', libraryPath: ['root/a', 'root/b'] },
  components: ['wasmedge=0.17.1-1+b1', 'libwasmedge-dev=0.17.1-1+b1'],
  installedAt: '2026-01-01T00:00:00.000Z',
  installSeconds: 20,
  sizeBytes: 1,
};

function withServer(builtFrom: string): Manifest {
  mkdirSync(join(dir, 'libexec'), { recursive: true });
  writeFileSync(join(dir, SERVE_BINARY), '');
  return { ...base, serve: { binary: SERVE_BINARY, builtFrom } };
}

describe('installedServe', () => {
  it('gives the server argv, through the runtime loader, when built from the current serve.c', () => {
    const state = installedServe(dir, withServer(serveSourceHash()!));
    expect(state).toEqual({ stale: false, command: [join(dir, 'root/ld.so'), '--library-path', `${join(dir, 'root/a')}:${join(dir, 'root/b')}`, join(dir, SERVE_BINARY)] });
  });

  it('does not use a server built from another serve.c: stale, with what to run', () => {
    const state = installedServe(dir, withServer('0'.repeat(64)));
    expect(state.command).toBeUndefined();
    expect(state.stale).toBe(true);
    expect(state.note).toContain('wasmdiff runtimes install wasmedge');
  });

  it('does not use a server whose binary is gone', () => {
    const manifest = withServer(serveSourceHash()!);
    rmSync(join(dir, SERVE_BINARY));
    const state = installedServe(dir, manifest);
    expect([state.stale, state.command]).toEqual([true, undefined]);
  });

  it('notes an install without a server (not stale: --force retries it)', () => {
    const state = installedServe(dir, base);
    expect([state.stale, state.command]).toEqual([false, undefined]);
    expect(state.note).toContain('--force');
  });

  it('keeps the serve record through the manifest file, and rejects a broken one', () => {
    const manifest = withServer('ab');
    writeManifest(dir, manifest);
    expect(readManifest(dir)).toEqual(manifest);
    writeManifest(dir, { ...base, serve: { binary: 3 } as never });
    expect(readManifest(dir)).toBeUndefined();
  });
});

describe('buildServe', () => {
  const build = async (env: NodeJS.ProcessEnv) => {
    const lines: string[] = [];
    const record = await buildServe({ dir, env, log: (l) => lines.push(l) }, base.loader!);
    return { record, lines };
  };

  it('installs without the server, saying why, when gcc is missing', async () => {
    const { record, lines } = await build({ PATH: '' });
    expect(record).toBeUndefined();
    expect(lines.join('\n')).toMatch(/gcc is not on PATH.*installing without wasmedge-serve; wasmdiff will run one wasmedge process per run/);
  });

  const gcc = findOnPath('gcc', process.env.PATH) !== undefined;
  it.skipIf(!gcc)(`installs without the server when the -dev headers are not unpacked${gcc ? '' : ' (SKIPPED: no gcc on PATH)'}`, async () => {
    const { record, lines } = await build(process.env);
    expect(record).toBeUndefined();
    expect(lines.join('\n')).toMatch(/no wasmedge\/wasmedge\.h in .*installing without wasmedge-serve/);
  });
});
