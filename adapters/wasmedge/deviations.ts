// WasmEdge's known, explained deviations from the kit's expectations
// (kit/deviations.ts joins every runtime's).
import type { Deviation } from '../kit/deviations.js';

export const WASMEDGE_DEVIATIONS: readonly Deviation[] = [
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
];
