// Bad input everywhere, as a user meets it: the real CLI in a process, each
// kind of bad input for every command that takes it. Each gives exactly one
// line on stderr naming the thing (and what to do), a non-zero status, no
// stack trace; with --verbose, a stack trace. Nothing already stored is lost.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { projectRoot } from '../testsuite.js';

const root = projectRoot();
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-bad-input-'));

function wasmdiff(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'harness/cli/main.ts'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK = /^\s+at /m;

beforeAll(() => {
  writeFileSync(join(dir, 'bad.wasm'), Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0xff]));
  writeFileSync(join(dir, 'notwasm.wasm'), 'this is text, not a module');
  writeFileSync(join(dir, 'bad.wat'), '(module\n  (func (result i32) i32.const 1 i32.add))\n(module (fun');
  writeFileSync(join(dir, 'bad.wast'), '(module)\n(assert_return (invoke "f"');
  writeFileSync(join(dir, 'unreadable.wat'), '(module)');
  chmodSync(join(dir, 'unreadable.wat'), 0o000);
  writeFileSync(join(dir, 'corrupt.db'), 'SQLite format 3\0'.padEnd(4096, 'garbage '));
  writeFileSync(join(dir, 'text.db'), 'not a database at all');
  const foreign = new Database(join(dir, 'foreign.db'));
  foreign.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
  foreign.close();
  // a wasmdiff store, then marked as written by a later schema version
  openStore(join(dir, 'newer.db')).close();
  const newer = new Database(join(dir, 'newer.db'));
  newer.pragma(`user_version = ${(newer.pragma('user_version', { simple: true }) as number) + 5}`);
  newer.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The one-line contract: status, exactly one stderr line naming `names`, no stack trace. */
function expectOneLine(r: ReturnType<typeof wasmdiff>, names: RegExp): void {
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.status).not.toBeNull();
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^wasmdiff: /);
  expect(lines[0]).toMatch(names);
  expect(r.stderr).not.toMatch(STACK);
}

const runningAsRoot = process.getuid?.() === 0;

describe('bad modules and scripts', () => {
  it('malformed .wasm (wasm2wat): names the file and the byte offset', () => {
    expectOneLine(wasmdiff('wasm2wat', 'bad.wasm'), /bad\.wasm.*(0x[0-9a-f]+|byte)/);
    expectOneLine(wasmdiff('wasm2wat', 'notwasm.wasm'), /notwasm\.wasm/);
  });
  it('malformed .wat (wat2wasm): file:line:column', () => {
    expectOneLine(wasmdiff('wat2wasm', 'bad.wat', '-o', 'out.wasm'), /bad\.wat:\d+:\d+/);
  });
  it('malformed .wast (spec): the file fails, named with its line, and the status is non-zero', () => {
    // spec reports per file on stdout (one bad file must not hide the others' results)
    const r = wasmdiff('spec', 'bad.wast');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/bad\.wast:\d+: .*parse/);
    expect(r.stderr).not.toMatch(STACK);
  });
  it('a missing path (wat2wasm, wasm2wat, spec)', () => {
    expectOneLine(wasmdiff('wat2wasm', 'missing.wat', '-o', 'out.wasm'), /missing\.wat/);
    expectOneLine(wasmdiff('wasm2wat', 'missing.wasm'), /missing\.wasm/);
    expectOneLine(wasmdiff('spec', 'missing-folder'), /missing-folder/);
  });
  it.skipIf(runningAsRoot)(`an unreadable path${runningAsRoot ? ' (skipped: root reads every file)' : ''}`, () => {
    expectOneLine(wasmdiff('wat2wasm', 'unreadable.wat', '-o', 'out.wasm'), /unreadable\.wat/);
  });
  it('an output path that cannot be written', () => {
    writeFileSync(join(dir, 'ok.wat'), '(module)');
    // a file where a folder must be
    expectOneLine(wasmdiff('wat2wasm', 'ok.wat', '-o', join(dir, 'ok.wat', 'out.wasm')), /cannot write .*ok\.wat\/out\.wasm/);
  });
});

describe('bad databases', () => {
  const commands: [string, (db: string) => string[]][] = [
    ['findings', (db) => ['findings', '--db', db]],
    ['show', (db) => ['show', '--db', db, '1']],
    ['report', (db) => ['report', '--db', db, '-o', 'report.html']],
    ['merge (as source)', (db) => ['merge', '--db', 'target.db', db]],
  ];
  for (const [name, argv] of commands) {
    it(`${name}: corrupt, non-SQLite, foreign and newer-schema files each get one line`, () => {
      for (const db of ['corrupt.db', 'text.db', 'foreign.db', 'newer.db']) {
        const before = readFileSync(join(dir, db));
        expectOneLine(wasmdiff(...argv(db)), new RegExp(db.replace('.', '\\.')));
        // the file is left exactly as it was
        expect(readFileSync(join(dir, db)).equals(before)).toBe(true);
      }
    });
  }
  it('the newer-schema line says what to do', () => {
    expectOneLine(wasmdiff('findings', '--db', 'newer.db'), /newer wasmdiff.*upgrade/);
  });
});

describe('invalid options', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['bench', '--nosuch'], /unknown option '--nosuch'.*wasmdiff bench --help/],
    ['a non-number', ['bench', '--runs', 'many'], /--runs.*many/],
    ['a bad duration', ['bench', '--budget', 'soon'], /--budget.*soon/],
    ['an unknown engine', ['bench', '--runtimes', 'nosuch'], /nosuch/],
    ['an unknown runtime to install', ['runtimes', 'install', 'nosuch'], /nosuch/],
    ['an unknown command', ['nosuch'], /unknown command 'nosuch'/],
    ['a missing required option', ['wat2wasm', 'x.wat'], /--output/],
  ];
  for (const [what, argv, names] of cases) {
    it(`${what}: ${argv.join(' ')}`, () => expectOneLine(wasmdiff(...argv), names));
  }
  for (const [name, argv] of [['nightly', ['nightly', '--budget', 'soon']], ['fuzz', ['fuzz', '--cases', 'many']]] as const) {
    it(`${name} with an invalid option`, (ctx) => {
      if (wasmdiff(name, '--help').status !== 0) return ctx.skip(`wasmdiff ${name} is not registered in this tree`);
      expectOneLine(wasmdiff(...argv), /soon|many/);
    });
  }
});

describe('--verbose', () => {
  it('adds the stack trace to the same first line', () => {
    const r = wasmdiff('--verbose', 'findings', '--db', 'text.db');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^wasmdiff: text\.db/);
    expect(r.stderr).toMatch(STACK);
  });
});

describe('names with markup stay data', () => {
  it('a file name with HTML in it is echoed in the one line, never interpreted', () => {
    // a file name cannot hold '/', so not </script>: an attribute-borne script instead
    const name = `<img src=x onerror=alert(1)>'".wasm`;
    copyFileSync(join(dir, 'bad.wasm'), join(dir, name));
    expectOneLine(wasmdiff('wasm2wat', name), /<img src=x onerror=alert\(1\)>'"\.wasm/);
  });
});
