/** A fresh in-process app per test, and helpers that check every response against its contract. */
import { http, type Response } from './client';

import { createApp, type PermMockApp } from '../../mock-server/app';
import type { MockOptions } from '../../mock-server/options';
import { API_KEY, NOW, TEST_WORLD } from './world';

export function buildTestApp(options: MockOptions = {}): PermMockApp {
  return createApp({ world: TEST_WORLD, clock: () => NOW, ...options });
}

export interface UpdateCall {
  readonly key?: string | null;
  readonly contentType?: string | null;
}

/** POST update-permissions with a JSON body (a string is sent as is). */
export async function postDailyUpdate(
  app: PermMockApp,
  room: string,
  body: unknown,
  call: UpdateCall = {},
): Promise<Response> {
  let req = http(app).post(`/v1/rooms/${room}/update-permissions`);
  const key = call.key === undefined ? API_KEY : call.key;
  if (key !== null) req = req.set('Authorization', `Bearer ${key}`);
  const contentType = call.contentType === undefined ? 'application/json' : call.contentType;
  if (contentType !== null) req = req.set('Content-Type', contentType);
  const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body));
  expect(res).toMatchContract('daily.updatePermissions');
  return res;
}

/** GET a Daily room through the control API (contract-checked). */
export async function getRoom(app: PermMockApp, name: string): Promise<Response> {
  const res = await http(app).get(`/__admin/daily/rooms/${name}`);
  expect(res).toMatchContract('admin.getDailyRoom');
  return res;
}

/** The whole state through the control API (contract-checked), as JSON text for exact comparison. */
export async function stateText(app: PermMockApp): Promise<string> {
  const res = await http(app).get('/__admin/state');
  expect(res).toMatchContract('admin.getState');
  return JSON.stringify(res.body);
}

/** POST set-member-permissions with a JSON body (a string is sent as is). */
export async function postSonoranUpdate(
  app: PermMockApp,
  community: string,
  body: unknown,
  contentType: string | null = 'application/json',
): Promise<Response> {
  let req = http(app).post(`/api/servers/${community}/members/permissions`);
  if (contentType !== null) req = req.set('Content-Type', contentType);
  const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body));
  expect(res).toMatchContract('sonoran.setMemberPermissions');
  return res;
}

/** GET one Sonoran member through the control API (contract-checked). */
export async function getMember(app: PermMockApp, community: string, accId: string): Promise<Response> {
  const res = await http(app).get(`/__admin/sonoran/communities/${community}/members/${accId}`);
  expect(res).toMatchContract('admin.getSonoranMember');
  return res;
}
