// WasmEdge: where a copy is found, how `runtimes install` gets one (Debian's
// package, unpacked privately, with wasmdiff's server built against it:
// build-serve.ts), and how its version is asked.
import { probeByFlag } from '../provision/ask-version.js';
import type { Probe } from '../provision/probe.js';
import type { RuntimeSpec } from '../provision/registry.js';

export const WASMEDGE_RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'wasmedge',
    family: 'wasmedge',
    pathCommands: ['wasmedge'],
    acquisition: { method: 'debian-extract', pkg: 'wasmedge', suite: 'sid', binary: 'usr/bin/wasmedge', server: { devPackage: 'libwasmedge-dev' } },
    howToInstall: 'put `wasmedge` on PATH or set WASMDIFF_WASMEDGE; otherwise wasmdiff runtimes install wasmedge (Debian sid package, unpacked privately)',
  },
];

export function probeWasmEdge(command: readonly string[]): Promise<Probe> {
  return probeByFlag(command, /wasmedge version\s+(\S+)/i, 'wasmedge', 'WasmEdge');
}
