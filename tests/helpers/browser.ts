/**
 * Headless Chromium for the inspector's browser tests: Debian's `chromium` (or the one
 * PERM_MOCK_CHROMIUM names), driven by playwright-core, which downloads no browser of its own.
 * One browser per test file; screenshots go to test-output/screenshots/ (and, with
 * PERM_MOCK_UPDATE_DOC_IMAGES=1, to docs/images/ for the inspector's page).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = process.env.PERM_MOCK_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const DOC_IMAGES = join(ROOT, 'docs', 'images');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does) or set PERM_MOCK_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
}

/** Save a screenshot of the page as test-output/screenshots/<name>.png (and docs/images/ when asked). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.PERM_MOCK_UPDATE_DOC_IMAGES === '1') {
    mkdirSync(DOC_IMAGES, { recursive: true });
    copyFileSync(file, join(DOC_IMAGES, `inspector-${name}.png`));
  }
  return file;
}
