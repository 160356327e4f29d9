// What `runtimes list` shows and what adapters will use: for one runtime, the
// first candidate (locate.ts order) that runs and reports an acceptable version.
import type { Manifest } from './manifest.js';
import { findCandidates, installDir, type CandidateSource, type LocateContext } from './locate.js';
import { nodeMajor } from '../v8/provision.js';
import { probeVersion, type Probe } from './probe.js';
import { envVarName, RUNTIMES, type RuntimeName, type RuntimeSpec } from './registry.js';
import { installedServe } from '../wasmedge/build-serve.js';

export interface FoundRuntime {
  source: CandidateSource;
  binary: string;
  command: string[];
  probe: Probe;
  manifest?: Manifest;
  /** The argv of the runtime's request server (serve protocol), when its install has a current one. */
  serveCommand?: string[];
}

export interface RuntimeStatus {
  name: RuntimeName;
  found?: FoundRuntime;
  /** Why candidates were passed over (wrong version, not executable, failed to run). */
  notes: string[];
  envVar: string;
  howToInstall: string;
  installable: boolean;
}

export async function runtimeStatus(spec: RuntimeSpec, ctx: LocateContext): Promise<RuntimeStatus> {
  const { candidates, notes } = findCandidates(spec, ctx);
  let found: FoundRuntime | undefined;
  for (const candidate of candidates) {
    let probe: Probe;
    try {
      probe = await probeVersion(spec.family, candidate.command);
    } catch (err) {
      notes.push(`${candidate.binary} (${candidate.source}) does not run: ${(err as Error).message}`);
      continue;
    }
    const rejected = rejection(spec, candidate.source, probe);
    if (rejected !== undefined) {
      notes.push(`${candidate.binary} (${candidate.source}) ${rejected}`);
      continue;
    }
    found = { ...candidate, probe, ...serverOf(spec, candidate.manifest, installDir(ctx.installRoot, spec), notes) };
    break;
  }
  return {
    name: spec.name,
    found,
    notes,
    envVar: envVarName(spec.name),
    howToInstall: spec.howToInstall,
    installable: spec.acquisition !== undefined,
  };
}

export async function allRuntimeStatuses(ctx: LocateContext): Promise<RuntimeStatus[]> {
  return Promise.all(RUNTIMES.map((spec) => runtimeStatus(spec, ctx)));
}

/** An installed runtime's own server, when its acquisition builds one and it is current (else a note why not). */
function serverOf(spec: RuntimeSpec, manifest: Manifest | undefined, dir: string, notes: string[]): { serveCommand?: string[] } {
  if (manifest === undefined || spec.acquisition?.method !== 'debian-extract' || spec.acquisition.server === undefined) return {};
  const state = installedServe(dir, manifest);
  if (state.note !== undefined) notes.push(state.note);
  return state.command === undefined ? {} : { serveCommand: state.command };
}

/** A PATH `node` only stands for v8-nodeNN when it is Node NN. */
function rejection(spec: RuntimeSpec, source: CandidateSource, probe: Probe): string | undefined {
  if (spec.nodeMajor === undefined || source !== 'path') return undefined;
  const major = nodeMajor(probe);
  return major === spec.nodeMajor ? undefined : `is ${probe.detail}, not Node ${spec.nodeMajor}`;
}
