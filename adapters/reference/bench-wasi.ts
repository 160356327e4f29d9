// The little of WASI preview1 a benchmark program needs, for the reference
// interpreter (which has no WASI of its own): arguments, an empty
// environment, writes to stdout and stderr, clocks, exit. Anything else a
// program imports from WASI answers ENOSYS, so it links and fails loudly
// only if it is called.
import { funcTypeAt } from '../../reference-runtime/valid/context.js';
import { getMemory, hostFunction, type ExternVal, type Module, type ModuleInstance, type Value } from '../../reference-runtime/api.js';
import { WASI } from '../driver/build-driver.js';

const ESUCCESS = 0;
const EBADF = 8;
const ESPIPE = 70;
const ENOSYS = 52;
const FILETYPE_CHARACTER_DEVICE = 2;

/** Thrown by proc_exit: the program's exit status, unwinding the interpreter. */
export class WasiExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
  }
}

export interface WasiHost {
  imports: Map<string, Map<string, ExternVal>>;
  /** Gives the host the instance whose exported `memory` it reads and writes. */
  bind(instance: ModuleInstance): void;
}

export function wasiHost(module: Module, argv: readonly string[], write: (fd: number, bytes: Uint8Array) => void): WasiHost {
  let instance: ModuleInstance | undefined;
  const mem = (): DataView => {
    const bytes = getMemory(instance!, 'memory');
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const args = argv.map((a) => Buffer.from(`${a}\0`, 'utf8'));
  const i32 = (v: Value | undefined): number => (v as { value: number }).value >>> 0;
  const ok = (errno: number): Value[] => [{ type: 'i32', value: errno }];

  const calls: Record<string, (a: Value[]) => Value[]> = {
    args_sizes_get: ([argc, size]) => {
      mem().setUint32(i32(argc), args.length, true);
      mem().setUint32(i32(size), args.reduce((n, b) => n + b.length, 0), true);
      return ok(ESUCCESS);
    },
    args_get: ([argvPtr, bufPtr]) => {
      const view = mem();
      let at = i32(bufPtr);
      args.forEach((b, k) => {
        view.setUint32(i32(argvPtr) + 4 * k, at, true);
        new Uint8Array(view.buffer, view.byteOffset + at, b.length).set(b);
        at += b.length;
      });
      return ok(ESUCCESS);
    },
    environ_sizes_get: ([count, size]) => {
      mem().setUint32(i32(count), 0, true);
      mem().setUint32(i32(size), 0, true);
      return ok(ESUCCESS);
    },
    environ_get: () => ok(ESUCCESS),
    fd_write: ([fd, iovs, count, written]) => {
      const view = mem();
      let total = 0;
      for (let k = 0; k < i32(count); k++) {
        const ptr = view.getUint32(i32(iovs) + 8 * k, true);
        const len = view.getUint32(i32(iovs) + 8 * k + 4, true);
        write(i32(fd), new Uint8Array(view.buffer, view.byteOffset + ptr, len).slice());
        total += len;
      }
      view.setUint32(i32(written), total, true);
      return ok(i32(fd) === 1 || i32(fd) === 2 ? ESUCCESS : EBADF);
    },
    fd_fdstat_get: ([fd, stat]) => {
      if (i32(fd) > 2) return ok(EBADF);
      const view = mem();
      for (let k = 0; k < 24; k++) view.setUint8(i32(stat) + k, 0);
      view.setUint8(i32(stat), FILETYPE_CHARACTER_DEVICE);
      view.setBigUint64(i32(stat) + 8, 0xffffffffn, true); // rights: everything a character device has
      return ok(ESUCCESS);
    },
    fd_seek: () => ok(ESPIPE),
    fd_close: () => ok(ESUCCESS),
    fd_prestat_get: () => ok(EBADF), // no preopened directories
    clock_time_get: ([, , out]) => {
      mem().setBigUint64(i32(out), process.hrtime.bigint(), true);
      return ok(ESUCCESS);
    },
    proc_exit: ([code]) => {
      throw new WasiExit(i32(code));
    },
  };

  const namespace = new Map<string, ExternVal>();
  for (const imp of module.imports) {
    if (imp.module !== WASI || imp.desc.kind !== 'func') continue;
    const type = funcTypeAt(module.types, imp.desc.type);
    namespace.set(imp.name, hostFunction(type, calls[imp.name] ?? (() => (type.results.length === 1 ? ok(ENOSYS) : []))));
  }
  return { imports: new Map([[WASI, namespace]]), bind: (i) => (instance = i) };
}
