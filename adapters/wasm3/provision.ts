// Wasm3: found on PATH or through WASMDIFF_WASM3 only (nothing here ships
// it), and how its version is asked.
import { probeByFlag } from '../provision/ask-version.js';
import type { Probe } from '../provision/probe.js';
import type { RuntimeSpec } from '../provision/registry.js';

export const WASM3_RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'wasm3',
    family: 'wasm3',
    pathCommands: ['wasm3'],
    howToInstall: 'not installable here (neither npm nor Debian ship it): build or download Wasm3 yourself, then put `wasm3` on PATH or set WASMDIFF_WASM3',
  },
];

export function probeWasm3(command: readonly string[]): Promise<Probe> {
  return probeByFlag(command, /Wasm3 v(\S+)(.*)/, 'wasm3', 'Wasm3');
}
