// Test helper: a rendered report opened in Debian's headless Chromium
// (through playwright-core, no browser download), page errors collected.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OpenedPage {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openInChromium(html: string): Promise<OpenedPage> {
  const profile = mkdtempSync(join(tmpdir(), 'wasmdiff-chromium-'));
  const file = join(profile, 'report.html');
  writeFileSync(file, html);
  const context = await chromium.launchPersistentContext(join(profile, 'user-data'), { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return {
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
