/**
 * The inspector of a mock started with an admin token: the page itself loads without it (it holds
 * no data), asks for it, keeps it in the tab's sessionStorage and sends it on every call and on
 * the event stream, which then goes live.
 */
import type { Browser, Page } from 'playwright-core';

import { startServer, type RunningMock } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { launchBrowser, screenshot } from '../helpers/browser';
import { API_KEY, GUEST, ROOM, TEST_WORLD } from '../helpers/world';

jest.setTimeout(30_000);

const TOKEN = 'inspector-test-token-0123456789';
let mock: RunningMock;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [mock, browser] = await Promise.all([
    startServer({ port: 0, world: TEST_WORLD, adminToken: TOKEN }),
    launchBrowser(),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(8000);
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

it('asks for the token, and works once it is given', async () => {
  const res = await page.goto(`${mock.url}/__admin/ui`);
  expect(res?.status()).toBe(200);
  const form = page.locator('#token-form');
  await form.waitFor({ state: 'visible' });
  expect(await form.innerText()).toMatch(/admin token/);
  await screenshot(page, 'token');
  await page.fill('#token', 'not-the-token-at-all');
  await page.keyboard.press('Enter');
  await page.locator('#token-reason').filter({ hasText: 'refused' }).waitFor();
  await page.fill('#token', TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByRole('status').filter({ hasText: 'live' }).first().waitFor();
  expect(await form.isHidden()).toBe(true);
  expect(await page.evaluate<string | null>("sessionStorage.getItem('perm-mock-admin-token')")).toBe(TOKEN);

  const update = await checkedFetch(`${mock.url}/v1/rooms/${ROOM}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { [GUEST]: { hasPresence: false } } }),
  });
  expect(update.status).toBe(200);
  await page
    .locator(`table[data-room="${ROOM}"] tr[data-participant="${GUEST}"] td[data-column="hasPresence"]`)
    .filter({ hasText: 'changed' })
    .waitFor();
});

it('keeps the token across a reload of the tab', async () => {
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'live' }).first().waitFor();
  expect(await page.locator('#token-form').isHidden()).toBe(true);
});
