/** Large worlds for the scale benchmarks, written as --world files (plain ids, no faker: fast to build). */
import { writeFileSync } from 'node:fs';

import type { World } from '../../mock-server/world';

const PERMISSIONS = { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false } as const;
const JOINED = '2026-01-01T10:00:00.000Z';

export const BENCH_DAILY_KEY = 'bench-daily-key';
export const BENCH_SONORAN_KEY = 'bench-sonoran-key';

export function roomName(size: number): string {
  return `room-${size}`;
}

export function communityId(size: number): string {
  return `community-${size}`;
}

/** A world with one room per participant count and one community per member count. */
export function buildWorld(roomSizes: readonly number[], communitySizes: readonly number[]): World {
  return {
    daily: {
      apiKeys: [BENCH_DAILY_KEY],
      rooms: roomSizes.map((size) => ({
        name: roomName(size),
        privacy: 'public' as const,
        createdAt: JOINED,
        participants: Array.from({ length: size }, (_, i) => ({
          id: `p-${size}-${i}`,
          userId: `u-${size}-${i}`,
          userName: `Participant ${i}`,
          owner: i === 0,
          joinTime: JOINED,
          permissions: { ...PERMISSIONS, canAdmin: i === 0 },
        })),
      })),
    },
    sonoran: {
      communities: communitySizes.map((size) => ({
        id: communityId(size),
        apiKey: BENCH_SONORAN_KEY,
        name: `Community of ${size}`,
        channels: [
          { id: 1, name: 'Dispatch', private: false },
          { id: 12, name: 'Command', private: true },
        ],
        members: Array.from({ length: size }, (_, i) => ({
          accId: `acc-${size}-${i}`,
          username: `member${i}`,
          displayName: `Member ${i}`,
          permission: 0,
          permissionNames: [],
          profilePerms: [],
          approved: true,
          pending: false,
          banned: false,
        })),
      })),
    },
  };
}

export function writeWorld(file: string, world: World): void {
  writeFileSync(file, JSON.stringify(world));
}
