// The nightly's report in headless Chromium: two short nightlies into one
// database (so there are trends to draw), then every section is there, the
// trend charts (and the performance charts, when the bench stage could run)
// drew something, nothing failed on the page, and a screenshot is kept in
// reports/artifacts/nightly.png for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultyAdapter } from '../../adapters/faulty.js';
import { createAdapter } from '../../adapters/registry.js';
import type { Adapter } from '../../adapters/adapter.js';
import { projectRoot } from '../testsuite.js';
import { benchUnavailable } from './bench-stage.js';
import { runNightly, type NightlyResult } from './run-nightly.js';
import { SUITE, shortNightly } from './test-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} absent; run harness/setup/system-packages.sh as root` : !SUITE ? 'the spec testsuite is absent; set WASMDIFF_TESTSUITE' : undefined;
const noBench = benchUnavailable();

const runtimes = (): Adapter[] => [createAdapter('reference')!, createAdapter('v8')!, new FaultyAdapter('rem-sign')];

describe.skipIf(missing !== undefined)(missing ? `nightly report in chromium (skipped: ${missing})` : 'nightly report in chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let last: NightlyResult;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wasmdiff-nightly-html-'));
    const out = join(dir, 'out');
    const bench = noBench === undefined ? { programs: ['sieve'] } : false;
    await runNightly(shortNightly({ out, runtimes: runtimes(), bench }));
    last = await runNightly(shortNightly({ out, runtimes: runtimes(), bench, fuzz: { seed: 8, cases: 20 } }));
    context = await chromium.launchPersistentContext(join(dir, 'user-data'), { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(last.files.html).href);
    await page.waitForLoadState('load');
  }, 400_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has every section, in order, in the navigation', async () => {
    expect(await page.locator('header nav a').allInnerTexts()).toEqual(['Summary', 'Spec conformance', 'Findings', 'Fuzzing', 'Performance', 'Trends']);
  });

  it('summarises the runtimes with their exact versions', async () => {
    const text = await page.locator('#summary table.runtimes').innerText();
    expect(text).toContain('faulty-rem-sign');
    expect(text).toContain('fault rem-sign');
    expect(text).toMatch(/v8\s+\S.*11\.|v8[^\n]*node/);
  });

  it('shows the conformance matrix with the injected bug failing', async () => {
    expect(await page.locator('#matrix-table tbody tr').count()).toBe(1);
    expect(await page.locator('#matrix-table tbody td.cell.fail').count()).toBe(1);
  });

  it('lists the findings with WAT and a repro command', async () => {
    const rows = page.locator('#findings-table tbody.finding');
    expect(await rows.count()).toBeGreaterThan(0);
    await page.locator('#findings-table button.expand').first().click();
    const detail = await page.locator('#findings-table tr.finding-detail').first().innerText();
    expect(detail).toContain('(module');
    expect(detail).toMatch(/expected vs actual/i);
    expect(detail).toMatch(/Reproduce/i);
  });

  it('draws the trend charts across the two nightlies', async () => {
    expect(await page.locator('#trends-table tbody tr').count()).toBeGreaterThan(1);
    for (const id of ['chart-trend-spec', 'chart-trend-findings']) expect(await inked(page, id), id).toBeGreaterThan(1500);
  });

  it.skipIf(noBench !== undefined)(noBench ? `draws the performance charts (skipped: ${noBench})` : 'draws the performance charts', async () => {
    expect(await inked(page, 'chart-ratio')).toBeGreaterThan(1500);
    expect(await inked(page, 'chart-trend-perf')).toBeGreaterThan(1500);
  });

  it('ran without errors on the page', () => {
    expect(errors).toEqual([]);
  });

  it('saves a screenshot to reports/artifacts/nightly.png', async () => {
    const artifacts = join(projectRoot(), 'reports', 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    const path = join(artifacts, 'nightly.png');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
  });
});

/** Non-transparent pixels on a canvas: a chart that drew nothing has none. */
async function inked(page: Page, id: string): Promise<number> {
  // a string, since the project's TypeScript has no DOM types
  return page.evaluate(`(() => {
    const canvas = document.getElementById(${JSON.stringify(id)});
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  })()`) as Promise<number>;
}
