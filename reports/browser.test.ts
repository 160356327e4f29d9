// Opens a generated report in headless Chromium: the matrix and findings
// are rendered, the charts drew something, the focus selector works, and
// nothing from the (hostile) data ran. Saves a screenshot to
// reports/artifacts/report.png for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from './render.js';
import { HOSTILE, sampleReportData } from './sample-data.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium ? 'report in chromium' : `report in chromium (skipped: ${CHROMIUM} absent; run harness/setup/system-packages.sh as root)`;

describe.skipIf(!hasChromium)(title, () => {
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'wasmdiff-chromium-'));
    const file = join(profile, 'report.html');
    writeFileSync(file, renderHtml(sampleReportData()));
    context = await chromium.launchPersistentContext(join(profile, 'user-data'), {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the matrix and the findings table', async () => {
    expect(await page.locator('#matrix-table tbody tr').count()).toBe(4);
    expect(await page.locator('#matrix-table tbody td.cell.fail').count()).toBe(3);
    expect(await page.locator('#findings-table tbody.finding').count()).toBe(3);
    // open findings are shown first and by default
    expect(await page.locator('#findings-table tbody.finding:visible').count()).toBe(2);
  });

  it('draws the charts (non-blank canvases)', async () => {
    for (const id of ['chart-ratio', 'chart-phases']) {
      // a string, since the project's TypeScript has no DOM types
      const inked = await page.evaluate(`(() => {
        const canvas = document.getElementById(${JSON.stringify(id)});
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      })()`);
      expect(inked, id).toBeGreaterThan(2000);
    }
  });

  it('shows hostile strings as text and runs none of them', async () => {
    await page.locator('#findings-table button.expand').nth(1).click();
    const text = await page.locator('#findings-table').innerText();
    expect(text).toContain(HOSTILE);
    expect(await page.locator('#matrix-table thead').innerText()).toContain('evil<script>');
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('focusing a runtime shows only its column and its findings', async () => {
    await page.selectOption('#runtime-filter', 'wasm3');
    expect(await page.locator('#matrix-table thead tr').first().locator('th:visible').count()).toBe(2);
    expect(await page.locator('#findings-table tbody.finding:visible').count()).toBe(1);
    await page.check('#matrix-failures-only');
    expect(await page.locator('#matrix-table tbody tr:visible').count()).toBe(1);
    await page.uncheck('#matrix-failures-only');
    await page.selectOption('#runtime-filter', '');
    expect(await page.locator('#matrix-table tbody tr:visible').count()).toBe(4);
  });

  it('saves a screenshot to reports/artifacts/report.png', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'report.png');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
  });
});
