// WAMR's iwasm, fast and classic interpreters: where a copy is found, how
// `runtimes install` builds one (wamr-build.ts), and how its version is asked.
import { probeByFlag } from '../provision/ask-version.js';
import type { Probe } from '../provision/probe.js';
import type { RuntimeSpec } from '../provision/registry.js';

export const WAMR_RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'wamr-fast',
    family: 'wamr',
    // upstream iwasm builds the fast interpreter by default
    pathCommands: ['iwasm'],
    acquisition: { method: 'wamr-build', pkg: '@grain/libiwasm@1.1.2', fastInterp: true },
    howToInstall: 'put `iwasm` on PATH or set WASMDIFF_WAMR_FAST; otherwise wasmdiff runtimes install wamr-fast (builds WAMR 1.1.2 with cmake and gcc)',
  },
  {
    name: 'wamr-classic',
    family: 'wamr',
    // an iwasm on PATH does not say which interpreter it has: only the env var
    pathCommands: [],
    acquisition: { method: 'wamr-build', pkg: '@grain/libiwasm@1.1.2', fastInterp: false },
    howToInstall: 'set WASMDIFF_WAMR_CLASSIC to a classic-interpreter iwasm; otherwise wasmdiff runtimes install wamr-classic (builds WAMR 1.1.2 with cmake and gcc)',
  },
];

export function probeWamr(command: readonly string[]): Promise<Probe> {
  return probeByFlag(command, /iwasm\s+(\d+\.\d+\.\d+\S*)(?:\s+\(([^)]*)\))?/, 'iwasm', 'WAMR iwasm');
}
