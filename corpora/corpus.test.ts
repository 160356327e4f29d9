// The committed corpus: the manifest describes the sources as they are, every
// module runs on V8 (node:wasi) and prints its recorded checksum at the small
// size, and the native build of the same source agrees.
import { execaSync } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decode, validate } from '../reference-runtime/api.js';
import { checksumMatches, loadCorpus, nativeBuild, parseChecksum } from './corpus.js';
import { CORPUS_DIR, HEADER_FILE, readManifest, sha256 } from './manifest.js';
import { PROGRAMS } from './programs.js';
import { runWasiCommand } from './wasi-run.js';

const manifest = readManifest();
const corpus = loadCorpus();

describe('corpora/manifest.json', () => {
  it('lists every program of programs.ts, in order, with at least 15 programs', () => {
    expect(manifest.programs.map((p) => p.name)).toEqual(PROGRAMS.map((p) => p.name));
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(15);
  });

  it('records the sha256 of every source and of the shared header as they are now', () => {
    const stale = manifest.programs.filter((p) => sha256(readFileSync(join(CORPUS_DIR, p.source))) !== p.sourceSha256);
    expect(stale.map((p) => `${p.source} changed: run npm run corpus:build`)).toEqual([]);
    expect(manifest.header.sha256, `${HEADER_FILE} changed: run npm run corpus:build`).toBe(
      sha256(readFileSync(join(CORPUS_DIR, HEADER_FILE))),
    );
  });

  it('records the sizes programs.ts asks for, so a new default cannot go unbuilt', () => {
    for (const spec of PROGRAMS) {
      const entry = manifest.programs.find((p) => p.name === spec.name)!;
      expect([entry.name, entry.defaultSize, entry.smallSize]).toEqual([spec.name, spec.defaultSize, spec.smallSize]);
    }
  });

  it('defaults agree with the C sources (their size when run with no argument)', () => {
    for (const spec of PROGRAMS) {
      const text = readFileSync(join(CORPUS_DIR, 'src', `${spec.name}.c`), 'utf8');
      const match = /corpus_size\(argc, argv, (\d+),/.exec(text);
      expect([spec.name, Number(match?.[1])]).toEqual([spec.name, spec.defaultSize]);
    }
  });

  it('records the compiler, its flags and a checksum line for each program', () => {
    for (const p of manifest.programs) {
      expect(p.compiler).toMatch(/clang version/);
      expect(p.flags).toContain('--target=wasm32-wasi');
      expect(p.flags).toContain('-ffp-contract=off');
      expect(parseChecksum(`${p.expectedChecksum}\n`)).toBe(p.expectedChecksum);
      expect(parseChecksum(`${p.smallChecksum}\n`)).toBe(p.smallChecksum);
    }
  });
});

describe('loadCorpus', () => {
  it('reads each module and checks it against its recorded sha256 and size', () => {
    for (const program of corpus) {
      const entry = manifest.programs.find((p) => p.name === program.name)!;
      expect(program.bytes.length).toBe(entry.wasmBytes);
      expect(program.bytes.length).toBeLessThan(64 * 1024); // stripped: no debug info
      expect(Array.from(program.bytes.slice(0, 4))).toEqual([0x00, 0x61, 0x73, 0x6d]);
    }
  });
});

describe('every module, as the project\'s own decoder and validator see it', () => {
  it.each(corpus.map((p) => [p.name, p] as const))('%s is a valid WASI command importing only wasi_snapshot_preview1', (_name, program) => {
    const module = decode(program.bytes);
    expect(() => validate(module)).not.toThrow();
    expect(new Set(module.imports.map((i) => i.module))).toEqual(new Set(['wasi_snapshot_preview1']));
    expect(module.exports.map((e) => e.name)).toContain('_start');
  });
});

describe('every module on V8 (node:wasi) at its small size', () => {
  it.each(corpus.map((p) => [p.name, p] as const))('%s prints its recorded checksum', async (_name, program) => {
    const run = await runWasiCommand(program.wasmPath, [String(program.smallSize)]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${program.smallChecksum}\n`);
  });

  it('rejects a bad size with one line on stderr and exit status 2', async () => {
    const program = corpus.find((p) => p.name === 'fannkuch')!;
    for (const bad of ['abc', '0', '13', '99999999999999999999']) {
      const run = await runWasiCommand(program.wasmPath, [bad]);
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`program.wasm: size must be an integer from 1 to 12, got '${bad}'`);
    }
  });
});

describe('native builds of the same sources', () => {
  it.for(corpus.map((p) => [p.name, p] as const))('%s prints the same checksum natively at the small size', ([, program], ctx) => {
    const build = nativeBuild(program);
    if (!build.path) return ctx.skip(`native baseline unavailable: ${build.reason}`);
    const run = execaSync(build.path, [String(program.smallSize)], { reject: false, stripFinalNewline: false });
    expect(run.exitCode).toBe(0);
    expect(checksumMatches(String(run.stdout), program.smallChecksum)).toBe(true);
  });
});

describe('nativeBuild without a C compiler', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('says why there is no native binary instead of failing', async () => {
    vi.stubEnv('CC', '/nonexistent/cc');
    vi.resetModules();
    const fresh = await import('./corpus.js');
    const build = fresh.nativeBuild(corpus[0]!);
    expect(build.path).toBeUndefined();
    expect(build.reason).toMatch(/no C compiler found/);
    expect(fresh.nativeBinary(corpus[0]!)).toBeUndefined();
  });
});

describe('parseChecksum', () => {
  it('accepts exactly one line of 16 lowercase hex digits', () => {
    expect(parseChecksum('0123456789abcdef\n')).toBe('0123456789abcdef');
    for (const bad of ['0123456789abcdef', '0123456789ABCDEF\n', '123\n', '0123456789abcdef\nextra\n', '']) {
      expect(parseChecksum(bad)).toBeUndefined();
    }
  });
});
