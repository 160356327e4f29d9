// Known, explained deviations of real runtimes from the kit's expectations.
// An entry never weakens an expectation for other adapters; it names the
// adapter, the case and invocation, what the runtime gives, and the evidence.
export interface Deviation {
  adapters: readonly string[];
  kitCase: string;
  invocation: number;
  observed: string;
  evidence: string;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    adapters: ['wamr-fast'],
    kitCase: 'multi-value, references, no results',
    invocation: 1,
    observed: 'crash',
    evidence:
      'A WAMR 1.1.2 bug in the fast interpreter only (the classic one returns the right values): `(func (param externref) (result externref funcref funcref) local.get 0 ref.null func ref.func 0)` called from the driver kills iwasm with SIGSEGV; stdout ends with the marker and "=" before any result is written ("@00000001\\n="). Reproduce: the kit plan on `wasmdiff runtimes install wamr-fast`.',
  },
  {
    adapters: ['wamr-fast'],
    kitCase: 'multi-value, references, no results',
    invocation: 2,
    observed: 'not-run',
    evidence: 'Follows from the crash of invocation 1 (after a crash the plan does not go on).',
  },
  {
    adapters: ['v8', 'v8-node22', 'v8-node24'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 6,
    observed: 'trap out of bounds table access',
    evidence:
      'V8 reports call_indirect with an index past the table as "RuntimeError: table index is out of bounds", the same message as table.get out of bounds, so its wording cannot tell "undefined element" apart (spec 4.4.8 call_indirect step 9 traps either way).',
  },
  {
    adapters: ['v8', 'v8-node22', 'v8-node24'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 7,
    observed: 'trap indirect call type mismatch',
    evidence:
      'V8 reports a call_indirect through a null entry as "RuntimeError: null function or function signature mismatch", one message for both uninitialized element and type mismatch.',
  },
  {
    adapters: ['wasmtime'],
    kitCase: 'every trap kind a 2.0 module can produce, each followed by a fresh instance',
    invocation: 6,
    observed: 'trap out of bounds table access',
    evidence:
      'Wasmtime 42.0.1 (in wizer 11.0.3) reports call_indirect past the table end exactly as table.get past it: "wasm trap: undefined element: out of bounds table access" (one TableOutOfBounds trap code, worded to match both spec assertions); the adapter reads it as out of bounds table access, as for V8.',
  },
  {
    adapters: ['wasmedge'],
    kitCase: 'deep recursion exhausts the stack, then the run goes on',
    invocation: 0,
    observed: 'resource',
    evidence:
      'WasmEdge 0.17.1\'s interpreter has no call-depth limit: unbounded recursion grew the process to 16 GB RSS in 30 s without a trap. Under the 2 GiB data limit every runtime process gets (prlimit --data) it aborts: "terminate called after throwing an instance of \'std::bad_alloc\'", SIGABRT, read as a resource outcome.',
  },
  {
    adapters: ['wasmedge'],
    kitCase: 'deep recursion exhausts the stack, then the run goes on',
    invocation: 1,
    observed: 'not-run',
    evidence: 'Follows from invocation 0 stopping at the memory limit (plan rule 4: a crash or resource limit ends the run).',
  },
  {
    adapters: ['wasmedge-jit'],
    kitCase: 'deep recursion exhausts the stack, then the run goes on',
    invocation: 0,
    observed: 'timeout',
    evidence:
      'WasmEdge 0.17.1 --run-mode jit: the self tail call `recurse(x) = recurse(x + 1)` runs in constant stack after LLVM optimisation (RSS stays at 75 MB), so it never exhausts the stack and runs until killed (30 s observed).',
  },
  {
    adapters: ['wasmedge-jit'],
    kitCase: 'deep recursion exhausts the stack, then the run goes on',
    invocation: 1,
    observed: 'not-run',
    evidence: 'Follows from the timeout of invocation 0 (plan rule 4).',
  },
  {
    adapters: ['wamr-fast', 'wamr-classic'],
    kitCase: 'a module exporting __data_end, __stack_top and __heap_base keeps all of its memory',
    invocation: 1,
    observed: 'trap out of bounds memory access',
    evidence:
      'WAMR 1.1.2 reads the exported linker symbols (`__data_end`, `__heap_base`; here all 10000, as in memory.wast) as the end of the data it must keep and, with no app heap (`--heap-size=0`, as the adapter runs it), cuts the 1-page memory to about that size (with `__heap_base` alone it does not): `iwasm --heap-size=0 -f load module.wasm 20000` prints "Exception: out of bounds memory access", 9999 gives 0, and with the default heap 20000 gives 0. Found by `wasmdiff spec --runtimes all` at memory.wast:262, the spec test written for it.',
  },
];

export function deviation(adapter: string, kitCase: string, invocation: number): Deviation | undefined {
  return DEVIATIONS.find((d) => d.adapters.includes(adapter) && d.kitCase === kitCase && d.invocation === invocation);
}
