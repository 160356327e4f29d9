// Performance findings a maintainer acts on (issue 15), replacing "this
// program's ratio to the fastest engine is unusual for this engine", which
// flags ordinary program-to-program variation (an interpreter against a JIT
// varies by program for reasons no one can fix):
//  - an outlier in its tier: an engine much slower than the other engines of
//    its tier (interpreters against interpreters, compilers against
//    compilers) on a program, beyond its usual ratio to them, the whole 99%
//    interval beyond usual x threshold; slower only (faster is no bug);
//  - a regression across versions: two members of one family in the same
//    run (V8 in Node 22 and in Node 24), the newer slower than the older by
//    more than the threshold, its whole 99% interval beyond it.
// Both use the run's own samples: ratios within one run, never absolute
// times across runs.
import { familyOf, tierOf } from '../findings/family.js';
import { atLeastVersion } from '../store/versions.js';
import { findAnomalies, median, ratioCI, type Anomaly, type RatioCI } from './stats.js';

export interface Timed {
  engine: string;
  version: string;
  program: string;
  wall: readonly number[];
}

/** Engines far slower than their tier on a program, beyond what is usual for them in that tier. */
export function tierOutliers(cells: readonly Timed[], threshold: number): Anomaly[] {
  const ratios = new Map<string, Map<string, RatioCI>>();
  const programs = [...new Set(cells.map((c) => c.program))];
  for (const program of programs) {
    const here = cells.filter((c) => c.program === program && c.wall.length > 0);
    for (const c of here) {
      const tier = tierOf(c.engine);
      if (tier === undefined || tier === 'native') continue;
      const peers = here.filter((p) => p !== c && tierOf(p.engine) === tier).sort((a, b) => median(a.wall) - median(b.wall));
      if (peers.length < 2) continue;
      const peer = peers[Math.floor((peers.length - 1) / 2)]!;
      const m = ratios.get(c.engine) ?? new Map<string, RatioCI>();
      m.set(program, ratioCI(c.wall, peer.wall, undefined, 7 + programs.indexOf(program)));
      ratios.set(c.engine, m);
    }
  }
  return findAnomalies(ratios, threshold).filter((a) => a.direction === 'slower');
}

export interface Regression {
  engine: string;
  version: string;
  /** the older member it is compared with */
  against: string;
  againstVersion: string;
  program: string;
  ratio: RatioCI;
  threshold: number;
}

/** A newer member of a family slower than an older one on a program, the whole 99% interval beyond the threshold. */
export function versionRegressions(cells: readonly Timed[], threshold: number): Regression[] {
  const out: Regression[] = [];
  for (const newer of cells) {
    for (const older of cells) {
      if (newer === older || newer.program !== older.program || newer.version === older.version) continue;
      if (familyOf(newer.engine) !== familyOf(older.engine) || tierOf(newer.engine) !== tierOf(older.engine)) continue;
      // strictly newer by its numbers (WAMR fast and classic 1.1.2 are two engines of one version, not two versions)
      if (atLeastVersion(newer.version, older.version) !== true || atLeastVersion(older.version, newer.version) !== false) continue;
      if (newer.wall.length === 0 || older.wall.length === 0) continue;
      const ratio = ratioCI(newer.wall, older.wall);
      if (ratio.low > threshold) out.push({ engine: newer.engine, version: newer.version, against: older.engine, againstVersion: older.version, program: newer.program, ratio, threshold });
    }
  }
  return out;
}
