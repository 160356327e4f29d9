#!/usr/bin/env node
// A stand-in for the `wasm3` command line (Wasm3 v0.9.0), for testing the
// wasm3 adapter where no real Wasm3 can be installed. It is NOT an engine
// that passes for Wasm3:
//  - the commands recorded in TRANSCRIPTS.md (on probe.wasm, on the recorded
//    malformed binary, `--version`) are replayed byte for byte: exit code,
//    stdout and stderr;
//  - any other module run as a WASI command (how the adapter runs drivers) is
//    executed by this node's V8, and a trap is reported in Wasm3's recorded
//    wording only when the record has that wording; anything else (a trap
//    kind the record lacks, a rejected module) is reported as unrecorded, on
//    stderr with exit 70, which the adapter cannot mistake for Wasm3's output.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const HERE = __dirname;
const UNRECORDED = 70;

/** TRANSCRIPTS.md -> { version, commands: Map(args -> {exit, stdout, stderr, hang}), malformed: {bytes, result} } */
function readRecord() {
  const text = fs.readFileSync(path.join(HERE, 'TRANSCRIPTS.md'), 'utf8');
  const version = /`wasm3 --version`: `([^`]+)`/.exec(text)[1];
  const commands = new Map();
  let malformed;
  for (const section of text.split(/^### /m).slice(1)) {
    const heading = section.slice(0, section.indexOf('\n'));
    const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);
    const result = blocks.length > 0 ? parseResult(blocks[blocks.length - 1]) : undefined;
    const command = /^`(?:timeout \d+ )?wasm3 (.*)`/.exec(heading);
    const bytes = /^A malformed binary \(`([0-9a-f ]+)`\)/.exec(heading);
    if (command) commands.set(command[1].trim(), result);
    else if (bytes) malformed = { bytes: Buffer.from(bytes[1].replace(/ /g, ''), 'hex'), result };
  }
  return { version, commands, malformed };
}

function parseResult(block) {
  const result = { exit: undefined, stdout: '', stderr: '', hang: false };
  for (const line of block.split('\n')) {
    if (/^killed by timeout/.test(line)) result.hang = true;
    else if (/^exit \d+$/.test(line)) result.exit = Number(line.slice(5));
    else if (line.startsWith('stdout| ')) result.stdout += line.slice(8) + '\n';
    else if (line.startsWith('stderr| ')) result.stderr += line.slice(8) + '\n';
  }
  return result;
}

function replay(result) {
  if (result.hang) {
    setInterval(() => {}, 1 << 30); // recorded as hanging until killed
    return;
  }
  fs.writeSync(1, result.stdout);
  fs.writeSync(2, result.stderr);
  process.exit(result.exit);
}

function unrecorded(what) {
  fs.writeSync(2, `wasm3 stand-in: no recorded Wasm3 behaviour for ${what}\n`);
  process.exit(UNRECORDED);
}

const sha = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// V8 (this node) wording -> the trap wording recorded from Wasm3
const TRAP_WORDING = [
  [/unreachable/, 'unreachable executed'],
  [/divide by zero|remainder by zero/, 'integer divide by zero'],
  [/divide result unrepresentable/, 'integer overflow'],
  [/float unrepresentable in integer range/, 'invalid conversion to integer'],
  [/memory access out of bounds/, 'out of bounds memory access'],
  [/Maximum call stack size exceeded/, 'stack overflow'],
];

// Wasm3 hands WASI its module's memory 0 whether exported or not; V8 only
// shows exported memories, so the stand-in exports memory 0 under its own name.
const MEMORY_EXPORT = 'wasm3-standin memory 0';

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, at];
  }
}

/** The module with memory 0 also exported as MEMORY_EXPORT (sections copied unchanged otherwise). */
function exportMemory(bytes) {
  const entry = [...leb(MEMORY_EXPORT.length), ...Buffer.from(MEMORY_EXPORT), 0x02, 0x00];
  const out = [...bytes.subarray(0, 8)];
  let at = 8;
  let done = false;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readLeb(bytes, at + 1);
    const end = body + size;
    if (!done && id === 7) {
      const [count, rest] = readLeb(bytes, body);
      const content = [...leb(count + 1), ...bytes.subarray(rest, end), ...entry];
      out.push(7, ...leb(content.length), ...content);
      done = true;
    } else {
      if (!done && id !== 0 && [8, 9, 10, 11, 12].includes(id)) {
        out.push(7, ...leb(entry.length + 1), 1, ...entry);
        done = true;
      }
      out.push(...bytes.subarray(at, end));
    }
    at = end;
  }
  if (!done) out.push(7, ...leb(entry.length + 1), 1, ...entry);
  return Uint8Array.from(out);
}

function runCommand(bytes) {
  let module;
  let instance;
  try {
    module = new WebAssembly.Module(exportMemory(bytes));
    let memory;
    const wasi = {
      fd_write(fd, iovs, count, nwritten) {
        const view = new DataView(memory.buffer);
        let total = 0;
        for (let i = 0; i < count; i++) {
          const ptr = view.getUint32(iovs + 8 * i, true);
          const len = view.getUint32(iovs + 8 * i + 4, true);
          fs.writeSync(fd === 2 ? 2 : 1, new Uint8Array(memory.buffer, ptr, len));
          total += len;
        }
        view.setUint32(nwritten, total, true);
        return 0;
      },
      proc_exit(code) {
        process.exit(code);
      },
    };
    instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi });
    memory = instance.exports[MEMORY_EXPORT];
  } catch (e) {
    return unrecorded(`this module (${e.constructor.name}: ${e.message})`);
  }
  try {
    instance.exports._start();
    process.exit(0);
  } catch (e) {
    const row = TRAP_WORDING.find(([pattern]) => pattern.test(String(e && e.message)));
    if (!row || !(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) return unrecorded(`the trap "${e && e.message}"`);
    fs.writeSync(2, `Error: [trap] ${row[1]}\n`);
    process.exit(1);
  }
}

function lookupOnly(bytes, func) {
  try {
    new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  } catch (e) {
    return unrecorded(`this module (${e.constructor.name}: ${e.message})`);
  }
  if (WebAssembly.Module.exports(new WebAssembly.Module(bytes)).some((x) => x.name === func)) return unrecorded(`calling ${func}`);
  fs.writeSync(2, `Error: function lookup failed ('${func}')\n`);
  process.exit(1);
}

function main(argv) {
  const record = readRecord();
  if (argv.length === 1 && argv[0] === '--version') {
    fs.writeSync(1, `${record.version}\n`);
    process.exit(0);
  }
  const funcAt = argv.indexOf('--func');
  const func = funcAt >= 0 ? argv[funcAt + 1] : undefined;
  const rest = funcAt >= 0 ? [...argv.slice(0, funcAt), ...argv.slice(funcAt + 2)] : argv;
  const [file, ...args] = rest;
  if (file === undefined || file.startsWith('-')) return unrecorded(`the arguments ${JSON.stringify(argv)}`);
  const bytes = fs.readFileSync(file);
  if (record.malformed && bytes.equals(record.malformed.bytes)) return replay(record.malformed.result);
  if (sha(bytes) === sha(fs.readFileSync(path.join(HERE, 'probe.wasm')))) {
    const key = ['--func', func, 'probe.wasm', ...args].join(' ');
    const result = func === undefined ? undefined : record.commands.get(key);
    return result ? replay(result) : unrecorded(`wasm3 ${key}`);
  }
  return func === undefined ? runCommand(bytes) : lookupOnly(bytes, func);
}

main(process.argv.slice(2));
