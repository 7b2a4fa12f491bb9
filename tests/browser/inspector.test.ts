/**
 * The inspector in a real browser (headless Chromium), against the default world: the Daily grid,
 * the Sonoran members and the journal follow requests the test makes, without a reload; a request
 * opens to its exchange and the state it changed; a fault armed from the page fails the next
 * request. Nothing is loaded from anywhere but the mock, and the page works narrow and dark.
 */
import type { Browser, Page } from 'playwright-core';

import { startServer, type RunningMock } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { launchBrowser, screenshot } from '../helpers/browser';

jest.setTimeout(30_000);

let mock: RunningMock;
let browser: Browser;
let page: Page;
const requested: string[] = [];
let key: string;
let room: string;
let guest: string;
let community: string;
let communityKey: string;
let member: string;

beforeAll(async () => {
  [mock, browser] = await Promise.all([startServer({ port: 0 }), launchBrowser()]);
  const world = mock.app.mock.state();
  key = world.daily.apiKeys[0] ?? '';
  const withCall = world.daily.rooms.find((r) => r.participants.length > 1);
  if (withCall === undefined) throw new Error('the default world has no call');
  room = withCall.name;
  guest = withCall.participants.find((p) => !p.owner)?.id ?? '';
  const first = world.sonoran.communities[0];
  if (first === undefined) throw new Error('the default world has no community');
  community = first.id;
  communityKey = first.apiKey;
  member = first.members.find((m) => m.permission === 0 && m.approved && !m.banned && !m.pending)?.accId ?? '';
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(8000);
  page.on('request', (request) => requested.push(request.url()));
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

function dailyUpdate(data: unknown): Promise<Response> {
  return checkedFetch(`${mock.url}/v1/rooms/${room}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data }),
  });
}

function cell(participant: string, column: string): string {
  return `table[data-room="${room}"] tr[data-participant="${participant}"] td[data-column="${column}"]`;
}

it('serves the page with a policy that allows nothing but the mock itself', async () => {
  const res = await page.goto(`${mock.url}/__admin/ui`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
  await page.getByRole('status').filter({ hasText: 'live' }).first().waitFor();
});

it('shows the Daily grid, and a changed cell as it changes, without a reload', async () => {
  await page.locator(cell(guest, 'canSend.video')).waitFor();
  expect(await page.locator(cell(guest, 'canSend.video')).innerText()).toContain('✓ yes');
  expect((await dailyUpdate({ [guest]: { canSend: ['audio'] } })).status).toBe(200);
  const video = page.locator(cell(guest, 'canSend.video'));
  await video.filter({ hasText: '✗ no' }).waitFor();
  expect(await video.innerText()).toMatch(/changed \(was ✓ yes\)/);
  expect(await video.innerText()).toMatch(/just changed/);
  expect(await page.locator(cell(guest, 'canSend.audio')).innerText()).not.toMatch(/changed/);
  expect(await page.locator(`tr[data-participant="${guest}"] td.since`).innerText()).toMatch(/✎ \d+ changed/);
  await screenshot(page, 'daily');
});

it('shows Sonoran members with their mask as named bits, reached by keyboard, and follows an update', async () => {
  await page.getByRole('tab', { name: 'Daily' }).focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('tab', { name: 'Sonoran Radio' }).getAttribute('aria-selected')).toBe('true');
  const row = page.locator(`table[data-community="${community}"] tr[data-member="${member}"]`);
  await row.waitFor();
  expect(await row.locator('td[data-column="COMM_KICK"]').innerText()).toContain('✗ no');
  const res = await checkedFetch(`${mock.url}/api/servers/${community}/members/permissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: communityKey, userPerms: [{ accId: member, perm: 34 }] }),
  });
  expect(res.status).toBe(200);
  await row.locator('td[data-column="COMM_KICK"]').filter({ hasText: '✓ yes' }).waitFor();
  expect(await row.locator('td[data-column="mask"]').innerText()).toMatch(/34 \(COMM_KICK \+ COMM_APPROVE\)/);
  expect(await row.locator('td[data-column="COMM_APPROVE"]').innerText()).toMatch(/just changed/);
  expect(await page.locator('.connected').innerText()).toMatch(/transmit/);
  await screenshot(page, 'sonoran');
});

it('lists requests live with their verdict, filters them, and opens one to its exchange and state diff', async () => {
  await page.getByRole('tab', { name: 'Journal' }).click();
  const rows = page.locator('#journal-list tbody tr');
  await rows.nth(1).waitFor();
  // A request keyed by a user id and with a bad value: a warning-free contract break.
  const bad = await dailyUpdate({ [guest]: { canSend: 'everything' } });
  expect(bad.status).toBe(400);
  const broken = page.locator('#journal-list tbody tr.invalid');
  await broken.first().waitFor();
  expect(await broken.first().innerText()).toMatch(/✗ broke contract/);

  await page.selectOption('#filter-api', 'sonoran');
  await page.locator('#journal-list tbody tr').first().filter({ hasText: 'sonoran' }).waitFor();
  expect(await page.locator('#journal-list tbody tr').count()).toBe(1);
  await page.selectOption('#filter-api', '');
  await page.fill('#filter-path', `/v1/rooms/${room}`);
  await page.selectOption('#filter-verdict', 'true');
  const update = page.getByRole('button', { name: new RegExp(`POST /v1/rooms/${room}/update-permissions`) });
  expect(await update.count()).toBe(1);
  await update.focus();
  await page.keyboard.press('Enter');
  const exchange = page.locator('#exchange');
  await exchange.locator('.diff').waitFor();
  expect(await exchange.innerText()).toMatch(/daily participant .* changed/);
  expect(await exchange.locator('.diff').innerText()).toMatch(/permissions\.canSend/);
  expect(await exchange.innerText()).toMatch(/✓ met its contract/);
  await page.selectOption('#filter-verdict', '');
  await page.fill('#filter-path', '');
  await screenshot(page, 'journal');
  await exchange.focus();
  await page.keyboard.press('Escape');
  expect(await exchange.isHidden()).toBe(true);
});

it('arms a fault from the page, and the next request fails with it', async () => {
  await page.getByRole('tab', { name: 'Controls' }).click();
  await page.selectOption('#fault-api', 'daily');
  await page.fill('#fault-status', '500');
  await page.getByRole('button', { name: 'Arm fault' }).click();
  await page.locator('#fault-list li[data-fault]').waitFor();
  expect(await page.locator('#fault-list').innerText()).toMatch(/answer 500 to daily/);
  expect((await dailyUpdate({ [guest]: { canSend: true } })).status).toBe(500);
  await page.locator('#fault-list').filter({ hasText: 'none' }).waitFor();
  await screenshot(page, 'controls');
  await page.getByRole('tab', { name: 'Journal' }).click();
  await page.locator('#journal-list tbody tr').first().filter({ hasText: '500' }).waitFor();
});

it('resets the namespace from the page, and the grid goes back to the startup world', async () => {
  await page.getByRole('tab', { name: 'Controls' }).click();
  await page.getByRole('button', { name: /Reset the namespace/ }).click();
  await page.locator('#controls-status').filter({ hasText: 'Reset' }).waitFor();
  await page.getByRole('tab', { name: 'Daily' }).click();
  await page.locator(cell(guest, 'canSend.video')).filter({ hasText: '✓ yes' }).waitFor();
});

it('loads a scenario from the page, and the grid shows its world', async () => {
  await page.getByRole('tab', { name: 'Controls' }).click();
  await page.selectOption('#scenario', 'muted-audience');
  await page.getByRole('button', { name: 'Load scenario' }).click();
  await page.locator('#controls-status').filter({ hasText: 'Scenario muted-audience loaded' }).waitFor();
  await page.getByRole('tab', { name: 'Daily' }).click();
  const audience =
    'table[data-room="town-hall"] tr[data-participant="audience-1-session"] td[data-column="canSend.audio"]';
  await page.locator(audience).filter({ hasText: '✗ no' }).waitFor();
  expect(await page.locator(`table[data-room="${room}"]`).count()).toBe(0);
  const state = (await (await checkedFetch(`${mock.url}/__admin/state`)).json()) as {
    daily: { rooms: { name: string }[] };
  };
  expect(state.daily.rooms.map((r) => r.name)).toEqual(['town-hall']);
  await page.getByRole('tab', { name: 'Controls' }).click();
  await page.getByRole('button', { name: /Reset the namespace/ }).click();
  await page.locator('#controls-status').filter({ hasText: 'Reset' }).waitFor();
});

it("switches an API's documented rate limit on and off from the page", async () => {
  const limits = async () =>
    (await (await checkedFetch(`${mock.url}/__admin/rate-limits`)).json()) as { daily: unknown; sonoran: unknown };
  await page.getByRole('tab', { name: 'Controls' }).click();
  expect((await limits()).daily).toBeNull();
  await page.locator('#limit-daily').check();
  await page.locator('#controls-status').filter({ hasText: 'daily rate limit on' }).waitFor();
  expect((await limits()).daily).not.toBeNull();
  await page.locator('label[for="limit-daily"]').filter({ hasText: 'rate limit: on' }).waitFor();
  await page.locator('#limit-daily').uncheck();
  await page.locator('#controls-status').filter({ hasText: 'daily rate limit off' }).waitFor();
  expect((await limits()).daily).toBeNull();
});

it('picks another namespace: its grid and its journal, not the default one', async () => {
  const made = await checkedFetch(`${mock.url}/__admin/namespaces/browser-ns`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(made.status).toBeLessThan(300);
  await page.locator('#namespace option[value="browser-ns"]').waitFor({ state: 'attached' });
  await page.selectOption('#namespace', 'browser-ns');
  await page.locator('#connection').filter({ hasText: 'namespace browser-ns' }).waitFor();
  const sent = await checkedFetch(`${mock.url}/ns/browser-ns/v1/rooms/${room}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { [guest]: { canSend: ['screenVideo'] } } }),
  });
  expect(sent.status).toBe(200);
  await page.getByRole('tab', { name: 'Daily' }).click();
  await page.locator(cell(guest, 'canSend.screenVideo')).filter({ hasText: '✓ yes' }).waitFor();
  await page.locator(cell(guest, 'canSend.video')).filter({ hasText: '✗ no' }).waitFor();
  await page.getByRole('tab', { name: 'Journal' }).click();
  await page.locator('#journal-list tbody tr').filter({ hasText: 'update-permissions' }).first().waitFor();
  expect(await page.locator('#journal-list tbody tr').count()).toBe(1);
  // The default namespace kept its own state.
  const state = (await (await checkedFetch(`${mock.url}/__admin/daily/rooms/${room}`)).json()) as {
    participants: { id: string; permissions: { canSend: unknown } }[];
  };
  expect(state.participants.find((p) => p.id === guest)?.permissions.canSend).toBe(true);
  await page.selectOption('#namespace', 'default');
  await page.locator('#connection').filter({ hasText: 'namespace default' }).waitFor();
});

it('fits a narrow window in the dark, and asked for nothing but the mock', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  expect(background).not.toBe('rgb(255, 255, 255)');
  await screenshot(page, 'narrow-dark');
  expect(requested.filter((url) => !url.startsWith(mock.url))).toEqual([]);
});
