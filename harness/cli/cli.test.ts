// The CLI as a user meets it: real processes, real files, exit statuses and
// the one-line errors for bad input.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../testsuite.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-cli-'));

// tsx resolved from the project, since the commands run in a scratch folder
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function wasmdiff(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hasWabt = spawnSync('wat2wasm', ['--version']).status === 0;

describe('wasmdiff CLI', () => {
  it('--help lists the subcommands', () => {
    const r = wasmdiff('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wat2wasm/);
    expect(r.stdout).toMatch(/wasm2wat/);
  });

  it('wat2wasm then wasm2wat round-trips a module, names kept with --debug-names', () => {
    const wat = join(dir, 'add.wat');
    writeFileSync(wat, '(module (func $add (export "add") (param $a i32) (param $b i32) (result i32) local.get $a local.get $b i32.add))');
    const r1 = wasmdiff('wat2wasm', wat, '-o', 'add.wasm', '--debug-names');
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    const r2 = wasmdiff('wasm2wat', 'add.wasm');
    expect(r2.status).toBe(0);
    expect(r2.stdout).toMatch(/\$add/);
    expect(r2.stdout).toMatch(/i32\.add/);
    expect(r2.stdout).toMatch(/\(export "add"/);
  });

  it.skipIf(!hasWabt)('wat2wasm output equals Debian wat2wasm output (skipped when wabt is absent)', () => {
    const wat = join(dir, 'mem.wat');
    writeFileSync(wat, '(module (memory 1) (data (i32.const 8) "hi") (func (export "f") (result f32) f32.const -0x1.8p+3))');
    expect(wasmdiff('wat2wasm', wat, '-o', 'mine.wasm').status).toBe(0);
    execFileSync('wat2wasm', [wat, '-o', join(dir, 'wabt.wasm')]);
    expect(readFileSync(join(dir, 'mine.wasm'))).toEqual(readFileSync(join(dir, 'wabt.wasm')));
  });

  it('a text error is one line with file:line:column and exit status 2', () => {
    const bad = join(dir, 'bad.wat');
    writeFileSync(bad, '(module\n  (func i32.bogus))');
    const r = wasmdiff('wat2wasm', bad, '-o', 'bad.wasm');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.wat:2:\d+: /);
  });

  it('a malformed binary is one line naming the file and the byte offset', () => {
    writeFileSync(join(dir, 'bad.wasm'), Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
    const r = wasmdiff('wasm2wat', 'bad.wasm');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.wasm: malformed module at byte 0x[0-9a-f]+: unknown binary version/);
  });

  it('a missing file is one line, no stack trace; --verbose adds it', () => {
    const r = wasmdiff('wasm2wat', 'nope.wasm');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('wasmdiff: cannot read nope.wasm: no such file or directory');
    const v = wasmdiff('--verbose', 'wasm2wat', 'nope.wasm');
    expect(v.stderr).toMatch(/at /);
  });

  it('an unknown option is a usage error with status 2', () => {
    const r = wasmdiff('wasm2wat', '--bogus');
    expect(r.status).toBe(2);
  });
});
