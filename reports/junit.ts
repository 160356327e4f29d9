// JUnit XML for CI test tabs: one testsuite per runtime, each open finding
// of that runtime a failing testcase (kind and summary as the message, WAT,
// expected vs actual and the repro command as the body), a finding listed in
// the baseline a skipped one with the baseline's reason. A runtime without
// open findings gets one passing testcase, so its suite shows it was run.
import type { FindingInfo, ReportData } from './data.js';
import { expectedVsActual } from './html/findings.js';
import { formatValue } from './html/format.js';

/** Text for XML content and attribute values; characters XML 1.0 cannot hold at all are dropped. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function renderJunit(data: ReportData): string {
  // notes are reported in the HTML report; they fail no test case
  const open = data.findings.filter((f) => (f.status === 'open' || f.baseline !== undefined) && f.note !== true);
  const names = [...new Set([...data.runtimes.map((r) => r.name), ...(data.matrix?.runtimes ?? []), ...open.flatMap((f) => f.runtimes)])].sort();
  const suites = [...stagesSuite(data), ...names.map((name) => suite(name, data, open.filter((f) => f.runtimes.includes(name))))];
  const failures = open.filter((f) => f.baseline === undefined).length;
  const errors = (data.stages ?? []).filter((s) => s.status === 'failed').length;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="wasmdiff" tests="${suites.reduce((n, s) => n + s.tests, 0)}" failures="${failures}" errors="${errors}">
${suites.map((s) => s.xml).join('\n')}
</testsuites>
`;
}

/** The nightly's stages as one suite: a stage that threw is an error there. */
function stagesSuite(data: ReportData): { tests: number; xml: string }[] {
  const stages = data.stages ?? [];
  if (stages.length === 0) return [];
  const cases = stages.map((s) => {
    const head = `    <testcase classname="wasmdiff.nightly" name="${escapeXml(s.stage)}" time="${s.seconds.toFixed(1)}">`;
    if (s.status === 'failed') return `${head}\n      <error type="stage-failed" message="${escapeXml(`${s.stage} failed: ${s.note}`)}"/>\n    </testcase>`;
    if (s.status === 'skipped') return `${head}\n      <skipped message="${escapeXml(s.note)}"/>\n    </testcase>`;
    return `${head}</testcase>`;
  });
  const errors = stages.filter((s) => s.status === 'failed').length;
  return [{ tests: cases.length, xml: `  <testsuite name="nightly stages" tests="${cases.length}" failures="0" errors="${errors}" skipped="${stages.filter((s) => s.status === 'skipped').length}">\n${cases.join('\n')}\n  </testsuite>` }];
}

function suite(runtime: string, data: ReportData, findings: FindingInfo[]): { tests: number; xml: string } {
  const version = data.runtimes.filter((r) => r.name === runtime).map((r) => r.version).join(', ');
  const cases = findings.length > 0 ? findings.map((f) => findingCase(runtime, f)) : [`    <testcase classname="wasmdiff.${escapeXml(runtime)}" name="no open findings"/>`];
  const failures = findings.filter((f) => f.baseline === undefined).length;
  const skipped = findings.length - failures;
  return {
    tests: cases.length,
    xml: `  <testsuite name="${escapeXml(runtime)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0">
    <properties><property name="version" value="${escapeXml(version)}"/></properties>
${cases.join('\n')}
  </testsuite>`,
  };
}

function findingCase(runtime: string, f: FindingInfo): string {
  const head = `    <testcase classname="wasmdiff.${escapeXml(runtime)}.${escapeXml(f.kind)}" name="${escapeXml(`#${f.id} ${f.summary}`)}">`;
  if (f.baseline !== undefined) return `${head}\n      <skipped message="${escapeXml(`known (baseline: ${f.baseline})`)}"/>\n    </testcase>`;
  return `${head}
      <failure type="${escapeXml(f.kind)}" message="${escapeXml(`${f.isNew ? 'NEW ' : ''}${f.summary}`)}">${escapeXml(body(runtime, f))}</failure>
    </testcase>`;
}

function body(runtime: string, f: FindingInfo): string {
  const compared = expectedVsActual(f.details, f.runtimes).filter((r) => r.runtime === runtime);
  const lines = [
    `finding #${f.id} (${f.kind}), seen ${f.count} time(s), first ${f.firstSeen}${f.signature ? `, signature ${f.signature}` : ''}`,
    ...compared.map((r) => `expected ${formatValue(r.expected)}, got ${formatValue(r.actual)}`),
    ...(f.repro[runtime] ? [`reproduce: ${f.repro[runtime]}`] : []),
    ...(f.wat ? ['', f.wat] : []),
  ];
  return lines.join('\n');
}
