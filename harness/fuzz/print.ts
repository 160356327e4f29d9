// The end-of-run summary of `wasmdiff fuzz`: as text, or as one JSON document.
import { coverageSummary, operandCoverage, showCoverage, showOperandCoverage, showTrapConditions } from './coverage.js';
import type { CoveragePoint, FuzzSummary } from './loop.js';
import { describeProfile } from './profiles.js';

export function summaryText(s: FuzzSummary, seed: number, versions: Record<string, string>): string {
  const lines = [
    `fuzz: ${s.cases} cases in ${s.seconds.toFixed(1)} s (${s.casesPerSecond.toFixed(1)} cases/s), seed ${seed}, stopped by ${s.stoppedBy}, run ${s.runId}`,
    `runtimes: ${Object.entries(versions).map(([id, v]) => `${id} ${v}`).join(', ') || '(none)'}`,
  ];
  if (s.recheck.checked > 0) {
    const fixed = s.recheck.fixed.map((f) => `#${f.id} (${Object.entries(f.fixedIn).map(([r, v]) => `${r} ${v}`).join(', ')})`);
    lines.push(`re-checked ${s.recheck.checked} open findings: ${fixed.length} fixed${fixed.length > 0 ? `: ${fixed.join(', ')}` : ''}`);
  }
  const distinct = new Map(s.seen.map((f) => [f.id, f]));
  lines.push(`findings: ${s.newFindings} new, ${distinct.size} distinct, ${s.findings} sightings`);
  for (const f of distinct.values()) {
    const count = s.seen.filter((x) => x.id === f.id).length;
    lines.push(`  #${f.id} ${s.seen.some((x) => x.id === f.id && x.isNew) ? 'new ' : ''}${f.kind} on ${f.runtimes.join(', ')}: seen ${count}x this run, minimal module ${f.instructions} instructions (wasmdiff show ${f.id})`);
  }
  const perRuntime = Object.keys({ ...s.ran, ...s.unsupported }).map((id) => {
    const ran = s.ran[id] ?? 0;
    const aside = s.unsupported[id] ?? 0;
    return `${id} ${ran} run, ${aside} set aside (${((100 * aside) / Math.max(1, ran + aside)).toFixed(0)}%)`;
  });
  if (perRuntime.length > 0) lines.push(`cases per runtime (set aside: a feature the case uses is missing, as probed): ${perRuntime.join('; ')}`);
  lines.push(`cases per target profile (the features a case may use, planned share): ${s.profiles.map((p) => `${p.name} [${describeProfile(p)}] ${s.generated[p.name] ?? 0} (${(100 * p.weight).toFixed(1)}%)`).join('; ')}`);
  const total = Object.values(s.phases).reduce((a, b) => a + b, 0);
  const phases = Object.entries(s.phases).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s (${((100 * ms) / Math.max(1, total)).toFixed(0)}%)`);
  lines.push(`time: ${phases.join(', ')}`);
  const allowed = Object.entries(s.allowed).map(([rule, n]) => `${rule} ${n}`);
  lines.push(`allowed divergences: ${allowed.join(', ') || 'none'}; invocations not compared (state may differ legitimately): ${s.skipped}`);
  lines.push(showCoverage(coverageSummary(s.coverage)));
  lines.push(showOperandCoverage(operandCoverage(s.operands)));
  lines.push(showTrapConditions(s.traps));
  if (s.growth.length > 0) lines.push(`coverage growth (cases: opcodes/triples): ${growthPoints(s.growth).map((p) => `${p.cases}: ${p.opcodes}/${p.triples}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** At most GROWTH_SHOWN points of the growth, the last one always among them. */
function growthPoints(growth: readonly CoveragePoint[]): CoveragePoint[] {
  const step = Math.ceil(growth.length / GROWTH_SHOWN);
  return growth.filter((_, k) => k % step === 0 || k === growth.length - 1);
}

const GROWTH_SHOWN = 12;

export function summaryJson(s: FuzzSummary, seed: number, versions: Record<string, string>): string {
  const cov = coverageSummary(s.coverage);
  const profiles = s.profiles.map((p) => ({ ...p, features: [...p.features] }));
  return `${JSON.stringify({ ...s, seed, versions, profiles, coverage: { ...cov, counts: Object.fromEntries(s.coverage) }, operands: { ...operandCoverage(s.operands), counts: Object.fromEntries(s.operands) }, traps: Object.fromEntries(s.traps) }, null, 2)}\n`;
}
