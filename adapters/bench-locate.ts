// Where a bench engine's runtime is: the same provisioning lookup the
// conformance adapters use (cli-adapter.ts), giving the argv prefix that runs it.
import type { BenchAvailability } from './bench-runner.js';
import { defaultLocateContext } from './provision/locate.js';
import { runtimeSpec, type RuntimeName } from './provision/registry.js';
import { runtimeStatus } from './provision/status.js';

export interface LocatedRuntime {
  command: string[];
  version: string;
}

export async function locateRuntime(name: RuntimeName): Promise<LocatedRuntime | { reason: string }> {
  const spec = runtimeSpec(name);
  if (spec === undefined) return { reason: `unknown runtime ${name}` };
  const status = await runtimeStatus(spec, defaultLocateContext());
  if (status.found === undefined) return { reason: `${status.notes.join('; ') || 'not found'} (${status.howToInstall})` };
  return { command: status.found.command, version: `${status.found.probe.version} (${status.found.probe.detail})` };
}

export function availability(r: LocatedRuntime | { reason: string }): BenchAvailability {
  return 'reason' in r ? { ok: false, reason: r.reason } : { ok: true, version: r.version };
}
