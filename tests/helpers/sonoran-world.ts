/**
 * A hand-written Sonoran Radio world for the route tests: channel groups, public and private
 * channels, members in every status, room 1 with two connected users and a zone, an empty room 2, a
 * speaker, and a second community with its own key. Frozen; every app built from it starts alike.
 * Plus request helpers for both versions (every answer contract-checked by the shared client).
 */
import { http, type Response } from './client';

import { createApp, type PermMockApp } from '../../mock-server/app';
import type { MockOptions } from '../../mock-server/options';
import type { World } from '../../mock-server/world';
import { NOW, TEST_WORLD, normalizedSonoran } from './world';

export const RC = 'radio-rp';
export const RC_KEY = 'radio-key-1';
export const OTHER = 'other-rp';
export const OTHER_KEY = 'other-key-2';

export const ADMIN = 'acc-admin';
export const SUPERVISOR = 'acc-super';
export const OFFICER = 'acc-officer';
export const DISPATCH = 'acc-dispatch';
export const PENDING = 'acc-pending';
export const BANNED = 'acc-banned';

/** Channels: 1, 2, 3 public; 12, 13 private. Groups 1 (Law), 2 (Fire), 3 (Command). */
export const CH = { dispatch: 1, fire: 2, ems: 3, command: 12, tactical: 13 } as const;

export const SONORAN_NOW = NOW;
const AT = '2026-01-01T11:00:00.000Z';

function member(accId: string, extra: Record<string, unknown> = {}) {
  const name = accId.replace('acc-', '');
  return {
    accId,
    username: name,
    displayName: name.toUpperCase(),
    permission: 0,
    profilePerms: [],
    approved: true,
    pending: false,
    banned: false,
    ...extra,
  };
}

const RAW = {
  communities: [
    {
      id: RC,
      apiKey: RC_KEY,
      name: 'Radio RP',
      subscription: 1,
      groups: [
        { id: 1, name: 'Law', orderIndex: 0 },
        { id: 2, name: 'Fire', orderIndex: 1 },
        { id: 3, name: 'Command', orderIndex: 2 },
      ],
      channels: [
        { id: CH.dispatch, name: 'Dispatch', private: false, groupId: 1, recvFreqMajor: 154, recvFreqMinor: 430 },
        { id: CH.fire, name: 'Fire Ops', private: false, groupId: 2 },
        { id: CH.ems, name: 'EMS', private: false, groupId: 2 },
        { id: CH.command, name: 'Command', private: true, groupId: 3 },
        { id: CH.tactical, name: 'Tactical', private: true, groupId: 1 },
      ],
      members: [
        member(ADMIN, {
          permission: 1023,
          profilePerms: [
            { id: 1, profileId: CH.command, canJoin: true },
            { id: 2, profileId: CH.tactical, canJoin: true },
          ],
        }),
        member(SUPERVISOR, { permission: 34, profilePerms: [{ id: 3, profileId: CH.command, canJoin: true }] }),
        member(OFFICER, { profilePerms: [{ id: 4, profileId: CH.tactical, canJoin: false }] }),
        member(DISPATCH, { permission: 256 }),
        member(PENDING, { approved: false, pending: true }),
        member(BANNED, { approved: false, banned: true }),
      ],
      rooms: [
        {
          id: 1,
          users: [
            {
              identity: SUPERVISOR,
              name: 'SUPER',
              metadata: { sonrad: true },
              transmit: [CH.dispatch],
              scan: [CH.fire, CH.command],
              connectedAt: AT,
            },
            {
              identity: OFFICER,
              name: 'OFFICER',
              metadata: { sonrad: true },
              transmit: [CH.dispatch],
              scan: [],
              connectedAt: AT,
            },
          ],
          geoZones: [
            {
              points: [
                { x: 0, y: 0 },
                { x: 0, y: 10 },
                { x: 10, y: 10 },
              ],
              options: {
                name: 'Downtown',
                minZ: 0,
                maxZ: 50,
                transmitChannels: [CH.dispatch],
                scanChannels: [],
                acePerms: [],
              },
            },
          ],
          degradeZones: [],
        },
        { id: 2 },
      ],
      speakers: [{ label: 'Station 1', id: 'STATION_1' }],
    },
    {
      id: OTHER,
      apiKey: OTHER_KEY,
      name: 'Other RP',
      channels: [{ id: 1, name: 'Main', private: false }],
      members: [member('acc-other')],
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const SONORAN_WORLD: World = deepFreeze({
  daily: TEST_WORLD.daily,
  sonoran: normalizedSonoran(RAW as unknown as World['sonoran']),
});

export function buildRadioApp(options: MockOptions = {}): PermMockApp {
  return createApp({ world: SONORAN_WORLD, clock: () => SONORAN_NOW, ...options });
}

export interface Call {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Content-Type sent with a body (default application/json); null sends none. */
  readonly contentType?: string | null;
}

/** One request through the checked client. A string body is sent as is. */
export async function send(app: PermMockApp, path: string, call: Call = {}): Promise<Response> {
  const method = (call.method ?? (call.body === undefined ? 'GET' : 'POST')).toLowerCase() as 'get';
  let req = http(app)[method](path);
  for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
  if (call.body === undefined) return req;
  const contentType = call.contentType === undefined ? 'application/json' : call.contentType;
  if (contentType !== null) req = req.set('Content-Type', contentType);
  return req.send(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
}

export const bearer = (key: string = RC_KEY): Record<string, string> => ({ Authorization: `Bearer ${key}` });

/** A v2 call with the community's Bearer key. */
export function v2(app: PermMockApp, path: string, call: Call = {}): Promise<Response> {
  return send(app, path, { ...call, headers: { ...bearer(), ...call.headers } });
}

/** The community as the control API shows it. */
export interface CommunityRead {
  members: {
    accId: string;
    displayName: string;
    permission: number;
    approved: boolean;
    pending: boolean;
    banned: boolean;
    profilePerms: { id: number; profileId: number; canJoin: boolean }[];
  }[];
  rooms: {
    id: number;
    users: { identity: string; name: string; transmit: number[]; scan: number[] }[];
    geoZones: { options: { name: string } }[];
    degradeZones: { options: { name: string } }[];
    server: { ip: string; pushUrl: string | null; port: number | null } | null;
  }[];
  speakers: { label: string; id: string }[];
  tones: { roomId: number; via: string; tones: unknown[]; playTo: unknown[] }[];
}

export async function community(app: PermMockApp, id: string = RC): Promise<CommunityRead> {
  const res = await http(app).get(`/__admin/sonoran/communities/${id}`);
  expect(res.status).toBe(200);
  return res.body as CommunityRead;
}

export async function memberOf(app: PermMockApp, accId: string, id: string = RC) {
  return (await community(app, id)).members.find((m) => m.accId === accId);
}

export async function usersOf(app: PermMockApp, roomId = 1, id: string = RC) {
  return (await community(app, id)).rooms.find((r) => r.id === roomId)?.users ?? [];
}
