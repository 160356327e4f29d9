// The wasm3 adapter against the stand-in that replays Wasm3 v0.9.0's recorded
// behaviour (wasm3-standin/), and the record against a real wasm3 when one is
// on PATH (skipped visibly otherwise). The kit runs on wasm3 only when a real
// one is found (kit.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { describeOutcome } from '../kit/describe.js';
import { runProcess } from '../process.js';
import { findOnPath } from '../provision/locate.js';
import { classifyMessage } from '../trap-kinds.js';
import { i32 } from '../values.js';
import { WASM3_MESSAGES } from './messages.js';
import { Wasm3Adapter } from './wasm3.js';

const DIR = join(import.meta.dirname, 'wasm3-standin');
const STANDIN = join(DIR, 'wasm3.cjs');
const RECORD = readFileSync(join(DIR, 'TRANSCRIPTS.md'), 'utf8');
const realWasm3 = findOnPath('wasm3', process.env.PATH);

/** The recorded `--func` commands on probe.wasm: args, exit, stdout, stderr (hang: recorded as killed by timeout). */
function recordedCommands(): { args: string[]; exit?: number; stdout: string; stderr: string; hang: boolean }[] {
  return [...RECORD.matchAll(/^### `(?:timeout \d+ )?wasm3 (--func [^`]*)`.*\n```\n([\s\S]*?)```/gm)].map((m) => {
    const lines = m[2]!.split('\n');
    const exit = lines.find((l) => /^exit \d+$/.test(l));
    return {
      args: m[1]!.trim().split(' '),
      exit: exit === undefined ? undefined : Number(exit.slice(5)),
      stdout: lines.filter((l) => l.startsWith('stdout| ')).map((l) => `${l.slice(8)}\n`).join(''),
      stderr: lines.filter((l) => l.startsWith('stderr| ')).map((l) => `${l.slice(8)}\n`).join(''),
      hang: lines.some((l) => l.startsWith('killed by timeout')),
    };
  });
}

const binaries: [string, string | undefined][] = [['stand-in', STANDIN], [`real wasm3${realWasm3 ? '' : ' (SKIPPED: no wasm3 on PATH)'}`, realWasm3]];

for (const [label, binary] of binaries) {
  describe(`the Wasm3 v0.9.0 record, replayed by the ${label}`, () => {
    const commands = recordedCommands();
    it('has the recorded commands', () => expect(commands.length).toBe(23));
    it.skipIf(binary === undefined)('reproduces every recorded --func command byte for byte', async () => {
      for (const c of commands) {
        const argv = c.args.map((a) => (a === 'probe.wasm' ? join(DIR, 'probe.wasm') : a));
        const r = await runProcess([binary!, ...argv], { timeoutMs: c.hang ? 1000 : 10_000 });
        if (c.hang) expect([r.timedOut, r.stdout, r.stderr], c.args.join(' ')).toEqual([true, '', '']);
        else expect([r.exitCode, r.stdout, r.stderr], c.args.join(' ')).toEqual([c.exit, c.stdout, c.stderr]);
      }
    }, 60_000);
    it.skipIf(binary === undefined)('prints the recorded version line', async () => {
      const r = await runProcess([binary!, '--version'], { timeoutMs: 10_000 });
      expect(r.stdout + r.stderr).toContain('Wasm3 v0.9.0 on x86_64');
    });
    it.skipIf(binary === undefined)('runs the recorded WASI command: its output, then the trap', async () => {
      const wat = /### A WASI command[^\n]*\n```wat\n([\s\S]*?)```/.exec(RECORD)![1]!;
      const file = join(DIR, '..', '..', '..', 'node_modules', '.wasm3-wasi-command.wasm');
      const { writeFileSync, rmSync } = await import('node:fs');
      writeFileSync(file, encodeModule(parseWat(wat)));
      const r = await runProcess([binary!, file], { timeoutMs: 10_000 });
      rmSync(file, { force: true });
      expect([r.exitCode, r.stdout, r.stderr]).toEqual([1, 'hi\n', 'Error: [trap] unreachable executed\n']);
    });
  });
}

describe('WASM3_MESSAGES classify the recorded wording', () => {
  const recorded: [string, string][] = [
    ['Error: [trap] unreachable executed', 'unreachable'],
    ['Error: [trap] integer divide by zero', 'integer divide by zero'],
    ['Error: [trap] integer overflow', 'integer overflow'],
    ['Error: [trap] out of bounds memory access', 'out of bounds memory access'],
    ['Error: [trap] invalid conversion to integer', 'invalid conversion to integer'],
    ['Error: [trap] uninitialized element', 'uninitialized element'],
    ['Error: [trap] undefined element', 'undefined element'],
    ['Error: [trap] stack overflow', 'call stack exhausted'],
    ['Error: [Fatal] repl_load: malformed Wasm binary\nError: malformed Wasm binary', 'malformed'],
  ];
  it.each(recorded)('%s', (text, meaning) => expect(classifyMessage(WASM3_MESSAGES, text)).toBe(meaning));
  it('leaves a function lookup failure unmapped (a crash if it ever ends a driver)', () => {
    expect(classifyMessage(WASM3_MESSAGES, "Error: function lookup failed ('nosuch')")).toBeUndefined();
  });
});

describe('the wasm3 adapter, on the stand-in (WASMDIFF_WASM3)', () => {
  const saved = process.env.WASMDIFF_WASM3;
  process.env.WASMDIFF_WASM3 = STANDIN;
  const adapter = new Wasm3Adapter();
  afterAll(async () => {
    await adapter.close();
    if (saved === undefined) delete process.env.WASMDIFF_WASM3;
    else process.env.WASMDIFF_WASM3 = saved;
  });
  const module = encodeModule(parseWat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
    (func (export "bump") (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)
    (func (export "div") (param i32) (result i32) i32.const 1 local.get 0 i32.div_u)
    (func (export "trap") unreachable)
    (func $r (export "recurse") (result i32) call $r))`));

  it('reads the version from the recorded version line', async () => {
    expect(await adapter.available()).toEqual({ ok: true, version: '0.9.0 (Wasm3, on x86_64)' });
  });
  it('runs drivers: results, recorded trap wording, fresh instance after a trap', async () => {
    const calls = [['bump'], ['div', 0], ['bump'], ['trap'], ['recurse'], ['div', 1], ['bump']] as const;
    const out = await adapter.run({ module, invocations: calls.map(([f, ...a]) => ({ export: f, args: a.map((n) => i32(n)) })) });
    expect(out.verdict).toEqual({ kind: 'ok' });
    expect(out.invocations.map(describeOutcome)).toEqual([
      'values i32:00000001', 'trap integer divide by zero', 'values i32:00000001', 'trap unreachable', 'exhaustion', 'values i32:00000001', 'values i32:00000001',
    ]);
    expect(out.processes).toBe(4);
  }, 30_000);
  it('judges the recorded malformed binary malformed', async () => {
    const bytes = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05]);
    const out = await adapter.run({ module: bytes, invocations: [{ export: 'f', args: [] }] });
    expect(out.verdict.kind).toBe('malformed');
  });
});
