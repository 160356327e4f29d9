// A nightly session: one `wasmdiff nightly` invocation, or all the shards of
// one CI run (they share a session name, by default $GITHUB_RUN_ID), with
// the runs its stages began. The nightly's run row records the session in
// its options and its stages' run uids in its summary; uids survive
// `wasmdiff merge` where ids are renumbered, so the merged store still knows
// which findings the latest session saw first ("new since the previous run").
import type { RunRecord } from '../store/store.js';

export const NIGHTLY_COMMAND = 'nightly';

export interface NightlyRunOptions {
  session: string;
  [key: string]: unknown;
}

export interface NightlyRunSummary {
  stageRuns: string[];
  [key: string]: unknown;
}

/** The session a nightly shard belongs to: the name given, else the CI run, else one of its own. */
export function sessionName(given: string | undefined, env: NodeJS.ProcessEnv, fallback: string): string {
  if (given !== undefined && given !== '') return given;
  if (env.GITHUB_RUN_ID) return `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  return fallback;
}

/** The ids of the runs of the newest nightly session in `runs` (any order), or undefined when there is none. */
export function latestSessionRuns(runs: readonly RunRecord[]): Set<number> | undefined {
  const nightlies = runs.filter((r) => r.command === NIGHTLY_COMMAND && typeof (r.options as Partial<NightlyRunOptions>)?.session === 'string');
  if (nightlies.length === 0) return undefined;
  const newest = nightlies.reduce((a, b) => (b.startedAt > a.startedAt || (b.startedAt === a.startedAt && b.id > a.id) ? b : a));
  const session = (newest.options as NightlyRunOptions).session;
  const mine = nightlies.filter((r) => (r.options as NightlyRunOptions).session === session);
  const uids = new Set(mine.flatMap((r) => [r.uid, ...((r.summary as Partial<NightlyRunSummary> | null)?.stageRuns ?? [])]));
  return new Set(runs.filter((r) => uids.has(r.uid)).map((r) => r.id));
}
