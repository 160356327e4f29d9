import { describe, expect, it } from 'vitest';
import { renderMarkdown, escapeMarkdown } from './markdown.js';
import { HOSTILE, emptyReportData, sampleReportData } from './sample-data.js';

describe('escapeMarkdown', () => {
  it('keeps table cells one cell: pipes, line breaks, HTML and link syntax escaped', () => {
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b c');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>');
  });
});

describe('renderMarkdown', () => {
  it('lists runtimes with versions and spec totals, new findings, the performance headline', () => {
    const data = sampleReportData();
    const md = renderMarkdown(data);
    const fresh = data.findings.filter((f) => f.status === 'open' && f.isNew);
    expect(md.split('\n')[0]).toBe(`## wasmdiff: ${fresh.length} new finding${fresh.length === 1 ? '' : 's'}`);
    // i32 372 + f32 2500 + simd 200 passed on wamr-fast, 2 failed, 40 unsupported
    expect(md).toMatch(/^\| wamr-fast \| [^|]* \| 3072 \| 2 \| 40 \| \d+ \| \d+ \|$/m);
    expect(md).toContain('### New findings');
    for (const f of fresh) expect(md).toContain(`| #${f.id} |`);
    expect(md).toContain('### Performance');
    expect(md).toMatch(/\| \S+ \| 1\.00× \|/);
  });

  it('never lets hostile data out of its cell or into markup', () => {
    const md = renderMarkdown(sampleReportData());
    expect(md).not.toContain(HOSTILE);
    // every < is escaped, so no tag reaches the renderer
    expect(md).not.toMatch(/(^|[^\\])</m);
    // every table row still has the number of cells its header has
    const tables = md.split('\n\n').filter((b) => b.startsWith('| '));
    for (const t of tables) {
      const rows = t.trim().split('\n').map((r) => r.replace(/\\\|/g, '').split('|').length);
      expect(new Set(rows).size, t).toBe(1);
    }
  });

  it('leaves baseline findings out of the new ones and says how many there are', () => {
    const data = sampleReportData();
    const findings = data.findings.map((f) => (f.status === 'open' ? { ...f, status: 'known', baseline: 'allowed NaN bits' } : f));
    const md = renderMarkdown({ ...data, findings });
    expect(md.split('\n')[0]).toBe('## wasmdiff: no new findings');
    expect(md).toMatch(/in the baseline/);
    expect(md).not.toContain('### New findings');
  });

  it('says there is nothing for an empty store', () => {
    expect(renderMarkdown(emptyReportData())).toMatch(/^## wasmdiff: no new findings\n\n0 open/);
  });

  it('lists the findings fixed by this run with their versions', () => {
    const data = sampleReportData();
    const f = { ...data.findings[0]!, status: 'fixed', fixedNow: true, fixedIn: { wasm3: '0.5.1' } };
    expect(renderMarkdown({ ...data, findings: [f] })).toContain(`### Fixed\n\n- #${f.id} ${f.kind.replace(/_/g, '\\_').replace(/-/g, '-')} (wasm3): fixed in wasm3 0.5.1`);
  });
});
