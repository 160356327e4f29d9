import { describe, expect, it } from 'vitest';
import { decode, validate } from '../../reference-runtime/api.js';
import { encodeModule } from '../../reference-runtime/binary/encode.js';
import { parseWat } from '../../reference-runtime/text/parse-module.js';
import { resolveInvocation } from '../resolve.js';
import { i32 } from '../values.js';
import { buildDriver, driverImage, driverModule, DriverUnsupported } from './build-driver.js';

const source = parseWat(`(module (memory 1) (table 2 funcref) (elem (i32.const 0) $a $b) (global funcref (ref.func $b))
  (func $a (export "a") (param i32) (result i32) local.get 0 call $b)
  (func $b (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $s) (start $s) (export "memory" (func $a)))`);

describe('buildDriver', () => {
  it('renumbers every function reference and stays valid', () => {
    const inv = { export: 'a', args: [i32(1)] };
    const driver = decode(buildDriver(source, [{ resolved: resolveInvocation(source, inv), args: inv.args }]));
    expect(() => validate(driver)).not.toThrow();
    expect(driver.imports.map((i) => i.name)).toEqual(['fd_write', 'proc_exit']);
    // $a was 0, $b 1, $s 2: each moved up by the two imports
    expect(driver.funcs[0]!.body.find((x) => x.op === 'call')?.index).toBe(3);
    expect(driver.elems[0]!.init.map((e) => e[0]!.index)).toEqual([2, 3]);
    expect(driver.globals[0]!.init[0]!.index).toBe(3);
    expect(driver.start).toBe(4);
    // the clashing export "memory" is kept under another name
    expect(driver.exports.find((e) => e.name === 'memory$orig')).toEqual({ name: 'memory$orig', kind: 'func', index: 2 });
    expect(driver.exports.find((e) => e.name === 'memory')?.kind).toBe('memory');
  });
  it('refuses a memory with no pages rather than change it', () => {
    const m = decode(encodeModule(parseWat('(module (memory 0))')));
    expect(() => buildDriver(m, [])).toThrow(DriverUnsupported);
  });
  it('writes through a 32-bit memory 0 of its own when the module\'s memory 0 is 64-bit; refuses an imported one', () => {
    const inv = { export: 'f', args: [] };
    const m64 = parseWat(`(module (memory i64 1) (memory $b 1) (data (memory $b) (i32.const 0) "x") (export "memory" (memory 0))
      (func (export "f") (i64.store (i64.const 8) (i64.load (i64.const 0))) (memory.copy 0 1 (i64.const 0) (i32.const 0) (i32.const 1))))`);
    const built = decode(buildDriver(m64, [{ resolved: resolveInvocation(m64, inv), args: [] }]));
    expect(() => validate(built)).not.toThrow();
    expect(built.mems.map((m) => m.addr ?? 'i32')).toEqual(['i32', 'i64', 'i32']);
    expect(built.exports.filter((e) => e.kind === 'memory')).toEqual([{ name: 'memory$orig', kind: 'memory', index: 1 }, { name: 'memory', kind: 'memory', index: 0 }]);
    // the module's memory instructions and data segments follow their memories up by one
    const f = built.funcs[0]!.body;
    expect(f.filter((i) => i.op === 'i64.store' || i.op === 'i64.load').map((i) => i.index)).toEqual([1, 1]);
    expect(f.find((i) => i.op === 'memory.copy')).toMatchObject({ index: 1, index2: 2 });
    expect(built.datas[0]!.mode).toMatchObject({ memory: 2 });
    const imported = parseWat('(module (import "m" "mem" (memory i64 1)) (func (export "f")))');
    expect(() => buildDriver(imported, [{ resolved: resolveInvocation(imported, inv), args: [] }])).toThrow(DriverUnsupported);
  });
  it('keeps a rec-grouped type section whole', () => {
    const inv = { export: 'f', args: [] };
    const gc = parseWat('(module (rec (type $s (struct (field i32))) (type $t (func (result i32)))) (memory 1) (func (export "f") (type $t) (struct.get $s 0 (struct.new $s (i32.const 5)))))');
    const driver = decode(buildDriver(gc, [{ resolved: resolveInvocation(gc, inv), args: [] }]));
    expect(() => validate(driver)).not.toThrow();
    // the types the driver adds come after the module's rec group, each a group of its own
    const built = driverModule(gc, [{ resolved: resolveInvocation(gc, inv), args: [] }]);
    expect(built.recs!.reduce((n, g) => n + g.size, 0)).toBe(built.types.length);
  });
  it('patches the starting index into one built image: the same module as a driver built for that index', () => {
    const invs = [0, 1, 2].map((n) => ({ export: 'a', args: [i32(n)] }));
    const driverInvs = invs.map((inv) => ({ resolved: resolveInvocation(source, inv), args: inv.args }));
    const image = driverImage(source, driverInvs);
    for (const from of [0, 1, 2, 3, 200, 0x7fffffff]) {
      expect(decode(image(from))).toEqual(decode(buildDriver(source, driverInvs, from)));
    }
  });
  it('calls each invoked function through one wrapper, in chunks small enough for a JIT', () => {
    const invs = Array.from({ length: 150 }, (_, n) => ({ export: 'a', args: [i32(n)] }));
    const driver = decode(buildDriver(source, invs.map((inv) => ({ resolved: resolveInvocation(source, inv), args: inv.args }))));
    expect(() => validate(driver)).not.toThrow();
    // emit, one wrapper, three chunks of at most 64 invocations, _start
    expect(driver.funcs.length).toBe(source.funcs.length + 1 + 1 + 3 + 1);
    const chunks = driver.funcs.slice(source.funcs.length + 2, -1);
    expect(chunks.map((f) => f.body.filter((x) => x.op === 'call').length)).toEqual([64, 64, 22]);
  });
});
