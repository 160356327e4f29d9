// The runtimes wasmdiff knows, and for each: where a user's own copy may be
// found and how `wasmdiff runtimes install` obtains one when there is none.
// Facts behind each entry: /work/shared/RUNTIMES.md (network here reaches only
// the npm registry and Debian's archive).

export type RuntimeName = 'v8-node22' | 'v8-node24' | 'wasmtime' | 'wamr-fast' | 'wamr-classic' | 'wasmedge' | 'wasm3';

/** The engine family decides how the version is asked for. */
export type EngineFamily = 'v8' | 'wasmtime' | 'wamr' | 'wasmedge' | 'wasm3';

export type Acquisition =
  | { method: 'npm-package'; spec: string; binary: string }
  | { method: 'wamr-build'; pkg: string; fastInterp: boolean }
  | { method: 'debian-extract'; pkg: string; suite: string; binary: string; server?: DebianServer };

/**
 * A request server built at install time against the unpacked library (the
 * WasmEdge C-API host, wasmedge/serve.c): its -dev package comes from the
 * same archive; without it (or without gcc) the runtime installs serverless.
 */
export interface DebianServer {
  devPackage: string;
}

export interface RuntimeSpec {
  name: RuntimeName;
  family: EngineFamily;
  /** Executables on PATH that count as this runtime. */
  pathCommands: readonly string[];
  /** For a copy found on PATH, the node major version it must have (V8 entries). */
  nodeMajor?: number;
  /** How `install` obtains it; absent when it cannot be obtained here. */
  acquisition?: Acquisition;
  /** What a user does to get it, shown when it is missing. */
  howToInstall: string;
}

const wizerBinary = `node_modules/@bytecodealliance/wizer-${process.platform}-${process.arch}/wizer`;

export const RUNTIMES: readonly RuntimeSpec[] = [
  {
    name: 'v8-node22',
    family: 'v8',
    pathCommands: ['node'],
    nodeMajor: 22,
    acquisition: { method: 'npm-package', spec: 'node@22', binary: 'node_modules/node/bin/node' },
    howToInstall: 'wasmdiff runtimes install v8-node22 (npm i node@22), or set WASMDIFF_V8_NODE22 to a Node 22 binary',
  },
  {
    name: 'v8-node24',
    family: 'v8',
    pathCommands: ['node'],
    nodeMajor: 24,
    acquisition: { method: 'npm-package', spec: 'node@24', binary: 'node_modules/node/bin/node' },
    howToInstall: 'wasmdiff runtimes install v8-node24 (npm i node@24), or set WASMDIFF_V8_NODE24 to a Node 24 binary',
  },
  {
    name: 'wasmtime',
    family: 'wasmtime',
    pathCommands: ['wasmtime'],
    acquisition: { method: 'npm-package', spec: '@bytecodealliance/wizer', binary: wizerBinary },
    howToInstall:
      'put `wasmtime` on PATH or set WASMDIFF_WASMTIME; otherwise wasmdiff runtimes install wasmtime (Wasmtime embedded in npm @bytecodealliance/wizer)',
  },
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
  {
    name: 'wasmedge',
    family: 'wasmedge',
    pathCommands: ['wasmedge'],
    acquisition: { method: 'debian-extract', pkg: 'wasmedge', suite: 'sid', binary: 'usr/bin/wasmedge', server: { devPackage: 'libwasmedge-dev' } },
    howToInstall: 'put `wasmedge` on PATH or set WASMDIFF_WASMEDGE; otherwise wasmdiff runtimes install wasmedge (Debian sid package, unpacked privately)',
  },
  {
    name: 'wasm3',
    family: 'wasm3',
    pathCommands: ['wasm3'],
    howToInstall: 'not installable here (neither npm nor Debian ship it): build or download Wasm3 yourself, then put `wasm3` on PATH or set WASMDIFF_WASM3',
  },
];

export function runtimeSpec(name: string): RuntimeSpec | undefined {
  return RUNTIMES.find((r) => r.name === name);
}

/** `wamr-fast` -> `WASMDIFF_WAMR_FAST`: the variable naming a user's own binary. */
export function envVarName(name: RuntimeName): string {
  return `WASMDIFF_${name.toUpperCase().replace(/-/g, '_')}`;
}
