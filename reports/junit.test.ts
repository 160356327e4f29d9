import { describe, expect, it } from 'vitest';
import { escapeXml, renderJunit } from './junit.js';
import { HOSTILE, sampleReportData } from './sample-data.js';

describe('escapeXml', () => {
  it('escapes markup characters and drops what XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a b="c" d='e'>&</a>`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u001bc\td\ne')).toBe('abc\td\ne');
    expect(escapeXml('x\uD800y')).toBe('xy');
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('renderJunit', () => {
  it('has one testsuite per runtime and each open finding as a failing testcase', () => {
    const data = sampleReportData();
    const xml = renderJunit(data);
    const open = data.findings.filter((f) => f.status === 'open');
    const names = [...new Set([...data.runtimes.map((r) => r.name), ...(data.matrix?.runtimes ?? []), ...open.flatMap((f) => f.runtimes)])];
    expect(xml.match(/<testsuite /g)?.length).toBe(names.length);
    const failures = open.reduce((n, f) => n + f.runtimes.length, 0);
    expect(xml.match(/<failure /g)?.length).toBe(failures);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="wasmdiff"/);
  });

  it('writes hostile data as text only', () => {
    const xml = renderJunit(sampleReportData());
    expect(xml).not.toContain(HOSTILE);
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script&gt;');
    // well-formed enough: every opened element is closed
    for (const tag of ['testsuite', 'testcase', 'failure']) {
      const opened = (xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length;
      const selfClosed = (xml.match(new RegExp(`<${tag} [^>]*/>`, 'g')) ?? []).length;
      expect((xml.match(new RegExp(`</${tag}>`, 'g')) ?? []).length, tag).toBe(opened - selfClosed);
    }
  });

  it('marks baseline findings skipped with the reason', () => {
    const data = sampleReportData();
    const findings = data.findings.map((f) => (f.status === 'open' ? { ...f, status: 'known', baseline: 'spec allows "any" NaN' } : f));
    const xml = renderJunit({ ...data, findings });
    expect(xml).not.toContain('<failure');
    expect(xml).toContain('<skipped message="known (baseline: spec allows &quot;any&quot; NaN)"/>');
  });
});
