// Runtime families: the engines one upstream project ships. A divergence of
// WAMR's fast and classic interpreters, of WasmEdge's interpreter and JIT,
// or of V8 in Node 20, 22 and 24 is one cause for one tracker, so a finding
// is keyed by the family and keeps which members showed it.
const FAMILIES: Record<string, string> = {
  v8: 'v8',
  'v8-node22': 'v8',
  'v8-node24': 'v8',
  'wamr-fast': 'wamr',
  'wamr-classic': 'wamr',
  wasmedge: 'wasmedge',
  'wasmedge-jit': 'wasmedge',
  wasmtime: 'wasmtime',
  wasm3: 'wasm3',
  reference: 'reference',
};

const NAMES: Record<string, string> = { v8: 'V8', wamr: 'WAMR', wasmedge: 'WasmEdge', wasmtime: 'Wasmtime', wasm3: 'Wasm3', reference: 'the reference interpreter' };

/** The family of an adapter id; an id wasmdiff does not know (an injected fault, a new adapter) is its own family. */
export function familyOf(runtime: string): string {
  return FAMILIES[runtime] ?? runtime;
}

/** The project's own name for a family, for titles. */
export function familyName(family: string): string {
  return NAMES[family] ?? family;
}

/** Tier for performance comparisons: compilers against compilers, interpreters against interpreters. */
export function tierOf(runtime: string): 'compiler' | 'interpreter' | 'native' | undefined {
  if (runtime === 'native') return 'native';
  if (/^v8/.test(runtime) || runtime === 'wasmtime' || runtime === 'wasmedge-jit') return 'compiler';
  if (/^wamr/.test(runtime) || runtime === 'wasmedge' || runtime === 'wasm3' || runtime === 'reference') return 'interpreter';
  return undefined;
}
