/** How each API version shows the community model on the wire (success bodies only). */
import { userMetadata } from './semantics';
import type { Channel, Community, Member, RadioUser } from './types';

/** v1's channel: exactly the fields get-community-channels documents (`name` is `displayName`). */
export function channelV1(channel: Channel): Record<string, unknown> {
  return {
    id: channel.id,
    groupId: channel.groupId,
    displayName: channel.name,
    recvFreqMajor: channel.recvFreqMajor,
    recvFreqMinor: channel.recvFreqMinor,
    xmitFreqMajor: channel.xmitFreqMajor,
    xmitFreqMinor: channel.xmitFreqMinor,
    repeatsXmit: channel.repeatsXmit,
    status: channel.status,
    orderIndex: channel.orderIndex,
    talkoverProtection: channel.talkoverProtection,
  };
}

/** v2's channel: the docs show `{id, name}`; the mock adds the v1 fields and `private`. */
export function channelV2(channel: Channel): Record<string, unknown> {
  return { id: channel.id, name: channel.name, ...channelV1(channel), private: channel.private };
}

export function channelsOf(community: Community, version: 'v1' | 'v2'): { groups: unknown[]; channels: unknown[] } {
  const groups = [...community.groups.values()].sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
  const channels = [...community.channels.values()].sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
  return { groups, channels: channels.map(version === 'v1' ? channelV1 : channelV2) };
}

/** v2's member record. */
export function memberV2(member: Member): Record<string, unknown> {
  return {
    accId: member.accId,
    username: member.username,
    displayName: member.displayName,
    permission: member.permission,
    profilePerms: [...member.profilePerms]
      .sort(([a], [b]) => a - b)
      .map(([profileId, row]) => ({ id: row.id, profileId, canJoin: row.canJoin })),
    approved: member.approved,
    pending: member.pending,
    banned: member.banned,
  };
}

/** A connected user's metadata in the format the community sets for that version. */
export function metadataOf(community: Community, user: RadioUser, version: 'v1' | 'v2'): unknown {
  const metadata = userMetadata(user);
  return community.metadataFormat[version] === 'string' ? JSON.stringify(metadata) : metadata;
}

export function connectedUserOf(
  community: Community,
  user: RadioUser,
  version: 'v1' | 'v2',
  roomId?: number,
): Record<string, unknown> {
  return {
    identity: user.identity,
    name: user.name,
    ...(roomId !== undefined && { roomId }),
    metadata: metadataOf(community, user, version),
  };
}
