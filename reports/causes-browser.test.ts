// The report shows findings as causes, in headless Chromium: severity first
// (a crash, then wrong results, then verdicts, notes last), then the runtime
// family; a failed matrix cell links to its causes, and following the link
// opens the cause with its sightings, its WAT and its issue text. Saves a
// screenshot to reports/artifacts/report-causes.png for a person to look at.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, openInChromium, type OpenedPage } from './chromium.js';
import { renderHtml } from './render.js';
import { causeReportData } from './sample-data.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const title = hasChromium ? 'the report of causes in chromium' : `the report of causes in chromium (skipped: ${CHROMIUM} absent; run harness/setup/system-packages.sh as root)`;

describe.skipIf(!hasChromium)(title, () => {
  let opened: OpenedPage;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    opened = await openInChromium(renderHtml(causeReportData()));
    ({ page, errors } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('groups causes by severity first, then by runtime family', async () => {
    const groups = await page.locator('#findings-table tbody.group th').allInnerTexts();
    expect(groups).toEqual(['crash · wamr', 'wrong result · wamr', 'wrong result · wasmedge', 'verdict · wamr', 'note · wasmedge']);
    const order = await page.locator('#findings-table tbody.finding').evaluateAll((els) => els.map((e) => e.id));
    expect(order).toEqual(['cause-5', 'cause-1', 'cause-2', 'cause-3', 'cause-4']);
  });

  it('links a failed matrix cell to its causes, and the link opens the cause with its sightings, WAT and Markdown', async () => {
    const cell = page.locator('#matrix-table td.cell.fail[data-runtime="wamr-classic"]');
    expect(await cell.locator('a.cause-link').allInnerTexts()).toEqual(['#1']);
    await cell.locator('a.cause-link').click();
    const detail = page.locator('#finding-1-detail');
    expect(await detail.isVisible()).toBe(true);
    const text = await detail.innerText();
    expect(text).toMatch(/sightings: 10 in all/i);
    expect(text).toContain('wasm-2.0/f32.wast:2010');
    expect(text).toContain('f32.floor');
    await detail.locator('details.issue summary').click();
    expect(await detail.locator('pre.markdown').innerText()).toContain('# wamr: wrong-result in `NaN result not quieted (spec 4.3.3)`');
    expect(errors).toEqual([]);
  });

  it('saves a screenshot to reports/artifacts/report-causes.png', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'report-causes.png');
    await page.locator('#findings').scrollIntoViewIfNeeded();
    await page.screenshot({ path, fullPage: true });
    expect(existsSync(path)).toBe(true);
  });
});
