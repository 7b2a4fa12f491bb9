/**
 * A small, hand-written world for API tests: ids that read well in assertions. Frozen, so a test
 * that mutates it fails loudly; every app built from it starts from the same state.
 */
import { SonoranStore } from '../../mock-server/apis/sonoran-radio/store';
import type { MemberView, PermissionName, SonoranSnapshot } from '../../mock-server/apis/sonoran-radio/types';
import type { World } from '../../mock-server/world';

export const API_KEY = 'test-daily-key';
export const ROOM = 'standup';
export const EMPTY_ROOM = 'quiet-room';
export const OWNER = 'p-owner';
export const GUEST = 'p-guest';
export const OBSERVER = 'p-observer';
export const JOIN_TIME = '2026-01-01T10:00:00.000Z';
export const NOW = new Date('2026-01-01T12:00:00.000Z');
export const DOMAIN_NAME = 'perm-mock-test';
export const DOMAIN_ID = '25df5057-ef0d-4d97-bde6-0cf287276cbb';
export const ROOM_ID = '5e3cf703-5547-47d6-a371-37b1f0b4427f';
export const EMPTY_ROOM_ID = '0b4e4c7c-5eaf-46fe-990b-a3752f5684f5';
export const MEETING_ID = '16e9701a-93e0-4933-83c9-223e7c40d552';

export const COMMUNITY = 'test-community';
export const SONORAN_KEY = 'test-sonoran-key';
export const ADMIN_ACC = 'acc-admin';
export const SUPERVISOR_ACC = 'acc-supervisor';
export const OFFICER_ACC = 'acc-officer';
export const PENDING_ACC = 'acc-pending';
export const BANNED_ACC = 'acc-banned';
/** Channel ids: 1 is public, 12 and 13 are private. */
export const PUBLIC_CHANNEL = 1;
export const COMMAND_CHANNEL = 12;
export const TACTICAL_CHANNEL = 13;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function member(
  accId: string,
  permission: number,
  permissionNames: PermissionName[],
  extra: Partial<MemberView> = {},
): MemberView {
  return {
    accId,
    username: accId.replace('acc-', ''),
    displayName: accId.replace('acc-', '').toUpperCase(),
    permission,
    permissionNames,
    profilePerms: [],
    approved: true,
    pending: false,
    banned: false,
    ...extra,
  };
}

/** A Sonoran part as the mock holds it: every default filled in, as `GET /__admin/state` shows it. */
export function normalizedSonoran(snapshot: SonoranSnapshot): SonoranSnapshot {
  return SonoranStore.fromSnapshot(snapshot).snapshot();
}

export const TEST_WORLD: World = deepFreeze({
  daily: {
    apiKeys: [API_KEY],
    domain: { name: DOMAIN_NAME, id: DOMAIN_ID, config: {} },
    rooms: [
      {
        name: ROOM,
        id: ROOM_ID,
        apiCreated: false,
        privacy: 'public',
        createdAt: '2025-12-31T09:00:00.000Z',
        config: {},
        participants: [
          {
            id: OWNER,
            userId: 'u-owner',
            userName: 'Olive Owner',
            owner: true,
            joinTime: JOIN_TIME,
            permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: true },
          },
          {
            id: GUEST,
            userId: 'u-guest',
            userName: 'Gus Guest',
            owner: false,
            joinTime: JOIN_TIME,
            permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
          },
          {
            id: OBSERVER,
            userId: 'u-observer',
            userName: 'Otto Observer',
            owner: false,
            joinTime: JOIN_TIME,
            permissions: { hasPresence: false, canSend: false, canReceive: { base: true }, canAdmin: false },
          },
        ],
        session: { meetingId: MEETING_ID, startedAt: JOIN_TIME, data: {}, banned: [], appMessages: [] },
      },
      {
        name: EMPTY_ROOM,
        id: EMPTY_ROOM_ID,
        apiCreated: false,
        privacy: 'private',
        createdAt: '2025-12-31T09:00:00.000Z',
        config: {},
        participants: [],
        session: null,
      },
    ],
    webhooks: [],
  },
  sonoran: normalizedSonoran({
    communities: [
      {
        id: COMMUNITY,
        apiKey: SONORAN_KEY,
        name: 'Test Community',
        channels: [
          { id: PUBLIC_CHANNEL, name: 'Dispatch', private: false },
          { id: COMMAND_CHANNEL, name: 'Command', private: true },
          { id: TACTICAL_CHANNEL, name: 'Tactical', private: true },
        ],
        members: [
          member(ADMIN_ACC, 1023, [
            'ADMIN',
            'COMM_KICK',
            'COMM_BAN',
            'RADIO_MOVE_CLIENT',
            'RADIO_KICK',
            'COMM_APPROVE',
            'SET_DISPLAYNAME',
            'COMM_SET_DISPLAYNAME',
            'RADIO_PLAY_TONES',
            'RADIO_TALKOVER_OVERRIDE',
          ]),
          member(SUPERVISOR_ACC, 34, ['COMM_KICK', 'COMM_APPROVE'], {
            profilePerms: [{ profileId: COMMAND_CHANNEL, canJoin: true }],
          }),
          member(OFFICER_ACC, 0, [], { profilePerms: [{ profileId: TACTICAL_CHANNEL, canJoin: false }] }),
          member(PENDING_ACC, 0, [], { approved: false, pending: true }),
          member(BANNED_ACC, 0, [], { banned: true }),
        ],
      },
    ],
  }),
});
