/** fast-check generators of valid and invalid requests for both APIs. */
import fc from 'fast-check';

import {
  ADMIN_ACC,
  BANNED_ACC,
  COMMAND_CHANNEL,
  GUEST,
  OBSERVER,
  OFFICER_ACC,
  OWNER,
  PENDING_ACC,
  PUBLIC_CHANNEL,
  SUPERVISOR_ACC,
  TACTICAL_CHANNEL,
} from '../helpers/world';

const SEND = ['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'] as const;
const ADMIN = ['participants', 'streaming', 'transcription'] as const;
const TRACKS = ['slides', 'music', 'cam2', '__proto__', 'toString'];

const tracks = (withStar: boolean) =>
  withStar
    ? fc
        .tuple(fc.boolean(), fc.dictionary(fc.constantFrom(...TRACKS), fc.boolean(), { maxKeys: 2 }))
        .map(([star, rest]) => ({ ...rest, '*': star }))
    : fc.dictionary(fc.constantFrom(...TRACKS), fc.boolean(), { maxKeys: 3 });

const fullMedia = fc.record({
  video: fc.boolean(),
  audio: fc.boolean(),
  screenVideo: fc.boolean(),
  screenAudio: fc.boolean(),
  customVideo: tracks(true),
  customAudio: tracks(true),
});

const partialMedia = fc.record(
  {
    video: fc.boolean(),
    audio: fc.boolean(),
    screenVideo: fc.boolean(),
    screenAudio: fc.boolean(),
    customVideo: tracks(false),
    customAudio: tracks(false),
  },
  { requiredKeys: [] },
);

const rules = (keys: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.boolean(), partialMedia), { maxKeys: 3 });

export const dailyUpdate = fc.record(
  {
    hasPresence: fc.boolean(),
    canSend: fc.oneof(fc.boolean(), fc.array(fc.constantFrom(...SEND), { maxLength: 8 })),
    canAdmin: fc.oneof(fc.boolean(), fc.array(fc.constantFrom(...ADMIN), { maxLength: 5 })),
    canReceive: fc.record(
      {
        base: fc.oneof(fc.boolean(), fullMedia),
        byUserId: rules(['u-owner', 'u-guest', 'someone', 'constructor']),
        byParticipantId: rules([OWNER, GUEST, OBSERVER, 'prototype']),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Keys of `data`: the room's session ids, "*", a stranger and a userId used by mistake. */
export const DAILY_KEYS = [OWNER, GUEST, OBSERVER, '*', 'p-stranger', 'u-guest'] as const;

export const dailyData = fc.dictionary(fc.constantFrom(...DAILY_KEYS), dailyUpdate, { maxKeys: 4 });

const ACCOUNTS = [ADMIN_ACC, SUPERVISOR_ACC, OFFICER_ACC, PENDING_ACC, BANNED_ACC, 'acc-stranger'] as const;
const CHANNELS = [PUBLIC_CHANNEL, COMMAND_CHANNEL, TACTICAL_CHANNEL, 99] as const;

const profileRow = fc.record({ profileId: fc.constantFrom(...CHANNELS), canJoin: fc.boolean() });

export const sonoranEntry = fc.record(
  {
    accId: fc.constantFrom(...ACCOUNTS),
    perm: fc.integer({ min: 0, max: 1023 }),
    profilePerms: fc.oneof(fc.array(profileRow, { maxLength: 4 }), fc.constant({})),
  },
  { requiredKeys: ['accId', 'perm'] },
);

export const sonoranUserPerms = fc.array(sonoranEntry, { maxLength: 5 });

/** Nested arrays deeper than any body needs. */
export const deepNesting = fc
  .integer({ min: 65, max: 400 })
  .map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown);

/** A JSON value of a type other than the one wanted. */
export const notBoolean = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.boolean(), { maxLength: 2 }),
);
