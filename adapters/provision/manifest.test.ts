import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, manifestCommand, readManifest, writeManifest, type Manifest } from './manifest.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wasmdiff-manifest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sample: Manifest = {
  name: 'wamr-fast',
  version: '1.1.2',
  versionDetail: 'WAMR iwasm, fast interpreter',
  method: 'wamr-build',
  obtainedBy: 'npm pack @grain/libiwasm@1.1.2; cmake',
  dialect: 'iwasm',
  binary: 'bin/iwasm',
  components: ['@grain/libiwasm@1.1.2 sha512-x'],
  installedAt: '2026-01-01T00:00:00.000Z',
  installSeconds: 21.5,
  sizeBytes: 301696,
};

describe('manifest', () => {
  it('round-trips through the file', () => {
    writeManifest(dir, sample);
    expect(readManifest(dir)).toEqual(sample);
  });

  it('reads nothing from a folder without a manifest', () => {
    expect(readManifest(dir)).toBeUndefined();
  });

  it('rejects a corrupt or incomplete manifest', () => {
    writeFileSync(join(dir, MANIFEST_FILE), '{"name": "x"');
    expect(readManifest(dir)).toBeUndefined();
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ name: 'x', version: '1' }));
    expect(readManifest(dir)).toBeUndefined();
  });

  it('turns relative paths into a command, with the loader first when there is one', () => {
    expect(manifestCommand('/r', sample)).toEqual(['/r/bin/iwasm']);
    expect(manifestCommand('/r', { binary: 'root/usr/bin/w', loader: { interpreter: 'root/ld.so', libraryPath: ['root/a', 'root/b'] } })).toEqual([
      '/r/root/ld.so',
      '--library-path',
      '/r/root/a:/r/root/b',
      '/r/root/usr/bin/w',
    ]);
  });
});
