// WAMR iwasm's known, explained deviations from the kit's expectations
// (kit/deviations.ts joins every runtime's).
import type { Deviation } from '../kit/deviations.js';

export const WAMR_DEVIATIONS: readonly Deviation[] = [
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
    adapters: ['wamr-fast', 'wamr-classic'],
    kitCase: 'a module exporting __data_end, __stack_top and __heap_base keeps all of its memory',
    invocation: 1,
    observed: 'trap out of bounds memory access',
    evidence:
      'WAMR 1.1.2 reads the exported linker symbols (`__data_end`, `__heap_base`; here all 10000, as in memory.wast) as the end of the data it must keep and, with no app heap (`--heap-size=0`, as the adapter runs it), cuts the 1-page memory to about that size (with `__heap_base` alone it does not): `iwasm --heap-size=0 -f load module.wasm 20000` prints "Exception: out of bounds memory access", 9999 gives 0, and with the default heap 20000 gives 0. Found by `wasmdiff spec --runtimes all` at memory.wast:262, the spec test written for it.',
  },
];
