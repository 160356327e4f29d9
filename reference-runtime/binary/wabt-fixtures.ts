// Binary modules of the spec testsuite as wabt's wast2json writes them: an
// independent source of real binaries for the decoder's tests, fuzz seeds and
// benchmarks, usable before the project's own text parser exists. Only tests
// and tools use this; the reference runtime itself never calls wabt.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const hasWast2json: boolean = spawnSync('wast2json', ['--version'], { stdio: 'ignore' }).status === 0;

/** One module command of a converted script. */
export interface SuiteBinary {
  /** script file name and line of the command, for messages */
  where: string;
  kind: 'module' | 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable';
  /** the expected message of an assertion */
  text?: string;
  bytes: Uint8Array;
}

export interface ConvertedScript {
  file: string;
  binaries: SuiteBinary[];
  /** wast2json's complaint when it could not convert the script */
  error?: string;
}

interface JsonCommand {
  type: string;
  line: number;
  filename?: string;
  text?: string;
  module_type?: string;
}

const KINDS = new Set(['module', 'assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable']);

/**
 * Convert one .wast script. `--no-check` keeps invalid modules (they must
 * still decode); wabt 1.0.32 enables every Wasm 2.0 feature by default, and
 * `--enable-all` was checked to write byte-identical binaries for the 2.0
 * suite, so no feature flag is passed unless `options.all` asks for the
 * post-2.0 proposals wabt knows (for the 3.0 suite).
 */
export function convertScript(file: string, options: { all?: boolean } = {}): ConvertedScript {
  const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-wast2json-'));
  try {
    const json = join(dir, `${basename(file, '.wast')}.json`);
    const flags = options.all ? ['--enable-all'] : [];
    const run = spawnSync('wast2json', [...flags, '--no-check', file, '-o', json], { encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(json)) {
      const reason = (run.stderr || `exit status ${run.status ?? run.signal}`).split('\n')[0]!;
      return { file, binaries: [], error: reason };
    }
    const commands = (JSON.parse(readFileSync(json, 'utf8')) as { commands: JsonCommand[] }).commands;
    const binaries: SuiteBinary[] = [];
    for (const c of commands) {
      // Text-form assertions (module_type "text") are the text parser's business.
      if (!KINDS.has(c.type) || c.filename === undefined || (c.module_type !== undefined && c.module_type !== 'binary')) continue;
      binaries.push({
        where: `${basename(file)}:${c.line}`,
        kind: c.type as SuiteBinary['kind'],
        ...(c.text === undefined ? {} : { text: c.text }),
        bytes: new Uint8Array(readFileSync(join(dir, c.filename))),
      });
    }
    return { file, binaries };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wat2wasm on a string, for tests that want one module. */
export function wat2wasm(wat: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'wasmdiff-wat2wasm-'));
  try {
    const out = join(dir, 'm.wasm');
    execFileSync('wat2wasm', ['--no-check', '-', '-o', out], { input: wat });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
