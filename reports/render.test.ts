// The HTML report from synthetic data: hostile strings in every field stay
// text, matrix cells get the right class, an empty store gives a page that
// says so, and the page needs no network.
import { describe, expect, it } from 'vitest';
import type { ReportData } from './data.js';
import { escapeHtml, jsonForScript } from './html/escape.js';
import { cellClass, commonFolder } from './html/matrix.js';
import { renderHtml } from './render.js';
import { emptyReportData, HOSTILE, HOSTILE_SCRIPT_END, sampleReportData } from './sample-data.js';

/** The page's own markup: three script elements (Chart.js, page script, chart data), no images, no textareas. */
function expectOnlyOwnMarkup(html: string): void {
  expect(html.match(/<script/gi)?.length).toBe(3);
  expect(html.match(/<\/script/gi)?.length).toBe(3);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<\/textarea/i);
}

/** Each field that carries outside data, and how to put `s` into it. */
const FIELDS: [string, (d: ReportData, s: string) => void][] = [
  ['database path', (d, s) => void (d.source = s)],
  ['run command', (d, s) => void (d.runs[0]!.command = s)],
  ['runtime engine', (d, s) => void (d.runtimes[0]!.engine = s)],
  ['runtime version', (d, s) => void (d.runtimes[0]!.version = s)],
  ['runtime name in the matrix', (d, s) => {
    const m = d.matrix!;
    m.runtimes[0] = s;
    for (const row of m.rows) row.cells[s] = { passed: 1, failed: 1, unsupported: 0, reasons: [] };
  }],
  ['testsuite file name', (d, s) => void (d.matrix!.rows[0]!.file = s)],
  ['unsupported reason', (d, s) => void (d.matrix!.rows[2]!.cells.wasm3!.reasons = [s])],
  ['finding kind', (d, s) => void (d.findings[0]!.kind = s)],
  ['finding summary', (d, s) => void (d.findings[0]!.summary = s)],
  ['finding status', (d, s) => void (d.findings[0]!.status = s)],
  ['finding runtime', (d, s) => void (d.findings[0]!.runtimes = [s])],
  ['finding WAT', (d, s) => void (d.findings[0]!.wat = s)],
  ['expected value', (d, s) => void (d.findings[0]!.details = { expected: s, actual: { wasm3: 1 } })],
  ['actual value', (d, s) => void (d.findings[0]!.details = { expected: 1, actual: { wasm3: s } })],
  ['other details', (d, s) => void (d.findings[0]!.details = { expected: 1, actual: { wasm3: 2 }, reason: s })],
  ['unstructured details', (d, s) => void (d.findings[0]!.details = [s])],
  ['repro command', (d, s) => void (d.findings[0]!.repro = { wasm3: s })],
  ['repro runtime', (d, s) => void (d.findings[0]!.repro = { [s]: 'x' })],
  ['fixed-in version', (d, s) => void (d.findings[0]!.fixedIn = { wasm3: s })],
  ['benchmark program', (d, s) => void d.performance!.samples.forEach((t) => t.program === 'fib' && (t.program = s))],
  ['benchmark runtime', (d, s) => void d.performance!.samples.forEach((t) => t.runtime === 'wasm3' && (t.runtime = s))],
];

/** sampleReportData with the hostile strings taken out, so each field can be tested alone. */
function benignData(): ReportData {
  const d = JSON.parse(JSON.stringify(sampleReportData()).split(JSON.stringify(HOSTILE).slice(1, -1)).join('').split(JSON.stringify(HOSTILE_SCRIPT_END).slice(1, -1)).join('')) as ReportData;
  d.matrix!.runtimes[3] = 'evil';
  return d;
}

describe('escaping', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('embeds JSON that cannot end its script block and parses back to the same value', () => {
    const value = { s: HOSTILE_SCRIPT_END, t: '\u2028&' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<|>/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('the sample data really is benign once its hostile strings are taken out', () => {
    expect(JSON.stringify(benignData())).not.toContain('__pwned');
  });

  for (const [field, put] of FIELDS) {
    it(`shows a hostile ${field} as text`, () => {
      for (const hostile of [HOSTILE, HOSTILE_SCRIPT_END]) {
        const data = benignData();
        put(data, hostile);
        const html = renderHtml(data);
        expectOnlyOwnMarkup(html);
        // the text itself is on the page: escaped in markup (as is, or inside printed JSON), or \u003c-escaped in chart data
        const forms = [escapeHtml(hostile), escapeHtml(JSON.stringify(hostile).slice(1, -1)), jsonForScript(hostile).slice(1, -1)];
        expect(forms.some((form) => html.includes(form)), field).toBe(true);
      }
    });
  }

  it('keeps the whole hostile sample to the page’s own markup', () => {
    expectOnlyOwnMarkup(renderHtml(sampleReportData()));
  });
});

describe('matrix cells', () => {
  const cell = (passed: number, failed: number, unsupported: number) => ({ passed, failed, unsupported, reasons: [] });
  it.each([
    ['fail', cell(10, 1, 0)],
    ['fail', cell(0, 1, 5)],
    ['pass', cell(10, 0, 0)],
    ['partial', cell(10, 0, 2)],
    ['unsupported', cell(0, 0, 2)],
    ['missing', cell(0, 0, 0)],
    ['missing', undefined],
  ] as const)('%s for %j', (expected, c) => {
    expect(cellClass(c)).toBe(expected);
  });

  it('names the folder all files share once', () => {
    expect(commonFolder(['/s/wasm-2.0/i32.wast', '/s/wasm-2.0/f32.wast'])).toBe('/s/wasm-2.0/');
    expect(commonFolder(['/s/a/i32.wast', '/s/b/f32.wast'])).toBe('/s/');
    expect(commonFolder(['i32.wast', '/s/f32.wast'])).toBe('');
    expect(commonFolder(['i32.wast'])).toBe('');
  });

  it('renders each cell with its class, counts and reasons', () => {
    const html = renderHtml(sampleReportData());
    expect(html).toContain('<td class="cell fail" data-runtime="wasm3" title="2480 passed, 20 failed, 0 unsupported"><b>✗ 20</b> ✓ 2480</td>');
    expect(html).toMatch(/<td class="cell unsupported" data-runtime="wasm3" title="0 passed, 0 failed, 240 unsupported\nsimd: not supported by wasm3 0.5.0"><details>/);
    expect(html.match(/class="cell missing"/g)?.length).toBe(3);
  });
});

describe('page', () => {
  it('says there is nothing yet for an empty store, with no chart library', () => {
    const html = renderHtml(emptyReportData());
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('Nothing stored yet');
    expect(html).toContain('No spec conformance results yet');
    expect(html).toContain('No findings stored yet');
    expect(html).toContain('No benchmark data in this database');
    expect(html.match(/<script/g)?.length).toBe(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('is self-contained: inlined Chart.js, no external URL, a CSP without network', () => {
    const html = renderHtml(sampleReportData());
    expect(html).toContain('Chart.js v4');
    const tags = html.match(/<(script|link|img|iframe|object)\b[^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\s(src|href)=/i.test(t))).toEqual([]);
    expect(html).toMatch(/content="default-src &#39;none&#39;; script-src &#39;sha256-.+?; style-src &#39;sha256-/);
  });

  it('lists causes by severity (a wrong result first), then open before fixed', () => {
    const html = renderHtml(sampleReportData());
    const order = [...html.matchAll(/aria-controls="finding-(\d+)-detail"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('the fuzzing section', () => {
  it('shows the opcode and the operand-class coverage, and both growth lines', () => {
    const html = renderHtml(sampleReportData());
    expect(html).toMatch(/<strong>380<\/strong> of 495 opcodes executed on the oracle; <strong>3900<\/strong> of 6060 \(instruction, operand, operand class\) triples; <strong>41<\/strong> trap conditions fired/);
    const svg = html.slice(html.indexOf('<svg id="fuzz-growth"'), html.indexOf('</svg>', html.indexOf('<svg id="fuzz-growth"')));
    expect(svg.match(/<polyline/g)?.length).toBe(2);
    expect(svg).toContain('350 cases 380/3900');
  });

  it('shows only the opcode line for a run stored before operand classes were counted', () => {
    const data = sampleReportData();
    delete data.fuzz!.operands;
    delete data.fuzz!.trapConditions;
    for (const p of data.fuzz!.growth) delete p.triples;
    const html = renderHtml(data);
    expect(html).not.toContain('operand class');
    expect(html).not.toContain('trap conditions');
    const svg = html.slice(html.indexOf('<svg id="fuzz-growth"'), html.indexOf('</svg>', html.indexOf('<svg id="fuzz-growth"')));
    expect(svg.match(/<polyline/g)?.length).toBe(1);
  });
});
