// Known, explained deviations of real runtimes from the kit's expectations.
// An entry never weakens an expectation for other adapters; it names the
// adapter, the case and invocation, what the runtime gives, and the evidence.
// Each runtime's entries live in its folder (<runtime>/deviations.ts),
// joined here.
import { V8_DEVIATIONS } from '../v8/deviations.js';
import { WAMR_DEVIATIONS } from '../wamr/deviations.js';
import { WASMEDGE_DEVIATIONS } from '../wasmedge/deviations.js';
import { WASMTIME_DEVIATIONS } from '../wasmtime/deviations.js';

export interface Deviation {
  adapters: readonly string[];
  kitCase: string;
  invocation: number;
  observed: string;
  evidence: string;
}

export const DEVIATIONS: readonly Deviation[] = [...WAMR_DEVIATIONS, ...V8_DEVIATIONS, ...WASMTIME_DEVIATIONS, ...WASMEDGE_DEVIATIONS];

export function deviation(adapter: string, kitCase: string, invocation: number): Deviation | undefined {
  return DEVIATIONS.find((d) => d.adapters.includes(adapter) && d.kitCase === kitCase && d.invocation === invocation);
}
