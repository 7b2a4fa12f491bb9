/**
 * A small, hand-written world for API tests: ids that read well in assertions. Frozen, so a test
 * that mutates it fails loudly; every app built from it starts from the same state.
 */
import type { World } from '../../mock-server/options';

export const API_KEY = 'test-daily-key';
export const ROOM = 'standup';
export const EMPTY_ROOM = 'quiet-room';
export const OWNER = 'p-owner';
export const GUEST = 'p-guest';
export const OBSERVER = 'p-observer';
export const JOIN_TIME = '2026-01-01T10:00:00.000Z';
export const NOW = new Date('2026-01-01T12:00:00.000Z');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const TEST_WORLD: World = deepFreeze({
  daily: {
    apiKeys: [API_KEY],
    rooms: [
      {
        name: ROOM,
        privacy: 'public',
        createdAt: '2025-12-31T09:00:00.000Z',
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
      },
      { name: EMPTY_ROOM, privacy: 'private', createdAt: '2025-12-31T09:00:00.000Z', participants: [] },
    ],
  },
});
