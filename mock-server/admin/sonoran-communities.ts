/**
 * Control API for Sonoran Radio: communities, their key, channels and members, and what only a radio
 * client does (connect and disconnect, transmissions), with the records tests read back (tones,
 * speakers, push events).
 */
import type { ContractRegistry } from '../../contracts/registry';
import { buildTransmission } from '../apis/sonoran-radio/build';
import { deliverPush, userConnectedEvent } from '../apis/sonoran-radio/push';
import {
  addTransmissions,
  buildCommunity,
  connectUser,
  disconnectUser,
  viewCommunity,
  viewMember,
  viewRoom,
} from '../apis/sonoran-radio/semantics';
import type {
  Community,
  CommunityInput,
  Member,
  RadioUserInput,
  Room,
  TransmissionInput,
} from '../apis/sonoran-radio/types';
import { tooManyMembers } from '../limits';
import type { MockState } from '../state';
import { adminProblem } from './errors';
import type { AdminHandler, AdminRequest } from './types';

const COMMUNITY_ID = 'urn:perm-mock:admin:sonoran-radio#/$defs/communityId';

function communityId(req: AdminRequest, registry: ContractRegistry): string {
  const id = req.params.id ?? '';
  if (registry.validate(COMMUNITY_ID, id).length > 0) {
    throw adminProblem(
      'MOCK_INVALID_COMMUNITY_ID',
      `"${id.slice(0, 200)}" is not a community id: use 1 to 128 letters, digits, '-' or '_'`,
    );
  }
  return id;
}

function existingCommunity(req: AdminRequest, state: MockState, registry: ContractRegistry): Community {
  const id = communityId(req, registry);
  const community = state.sonoran.getCommunity(id);
  if (community === undefined) {
    throw adminProblem(
      'MOCK_COMMUNITY_NOT_FOUND',
      `no community ${id}; create it with PUT /__admin/sonoran/communities/${id}`,
    );
  }
  return community;
}

function existingRoom(req: AdminRequest, community: Community): Room {
  const text = req.params.roomId ?? '';
  const room = /^[1-9][0-9]{0,8}$/.test(text) ? community.rooms.get(Number(text)) : undefined;
  if (room === undefined) {
    throw adminProblem(
      'MOCK_SONORAN_ROOM_NOT_FOUND',
      `community ${community.id} has no room "${text.slice(0, 64)}" (its rooms: ${[...community.rooms.keys()].join(', ')})`,
    );
  }
  return room;
}

function now(state: MockState): string {
  return state.clock.now().toISOString();
}

export const SONORAN_ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.listSonoranCommunities': (_req, ctx) => ({
    status: 200,
    body: { communities: [...ctx.state().sonoran.communities()].map(viewCommunity) },
  }),

  'admin.getSonoranCommunity': (req, ctx) => ({
    status: 200,
    body: viewCommunity(existingCommunity(req, ctx.state(), ctx.registry)),
  }),

  'admin.putSonoranCommunity': (req, ctx) => {
    const id = communityId(req, ctx.registry);
    const input = req.body as CommunityInput & { id?: string };
    if (input.id !== undefined && input.id !== id) {
      throw adminProblem('MOCK_INCONSISTENT_COMMUNITY', `the body's id "${input.id}" differs from the path's "${id}"`);
    }
    const limit = tooManyMembers(id, input.members?.length ?? 0, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    const built = buildCommunity(id, input, now(ctx.state()));
    if (!built.ok) throw adminProblem('MOCK_INCONSISTENT_COMMUNITY', built.problem);
    ctx.state().sonoran.setCommunity(built.community);
    return { status: 200, body: viewCommunity(built.community) };
  },

  'admin.deleteSonoranCommunity': (req, ctx) => {
    const state = ctx.state();
    state.sonoran.deleteCommunity(existingCommunity(req, state, ctx.registry).id);
    return { status: 204 };
  },

  'admin.getSonoranMember': (req, ctx) => {
    const community = existingCommunity(req, ctx.state(), ctx.registry);
    const accId = req.params.accId ?? '';
    const member = community.members.get(accId);
    if (member === undefined) {
      throw adminProblem('MOCK_MEMBER_NOT_FOUND', `community ${community.id} has no member ${accId}`);
    }
    return { status: 200, body: viewMember(member) };
  },

  'admin.getSonoranRoom': (req, ctx) => {
    const community = existingCommunity(req, ctx.state(), ctx.registry);
    return { status: 200, body: viewRoom(existingRoom(req, community)) };
  },

  'admin.requestSonoranMembership': (req, ctx) => {
    const state = ctx.state();
    const community = existingCommunity(req, state, ctx.registry);
    const input = req.body as { accId: string; username?: string; displayName?: string };
    const known = community.members.get(input.accId);
    if (known !== undefined) {
      throw adminProblem(
        'MOCK_JOIN_REQUEST_REFUSED',
        known.banned
          ? `${input.accId} is banned from community ${community.id}; unban it first`
          : `${input.accId} is already ${known.pending || !known.approved ? 'a pending' : 'an approved'} member of community ${community.id}`,
      );
    }
    const limit = tooManyMembers(community.id, community.members.size + 1, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    const username = input.username ?? input.accId;
    const member: Member = {
      accId: input.accId,
      username,
      displayName: input.displayName ?? username,
      permission: 0,
      profilePerms: new Map(),
      approved: false,
      pending: true,
      banned: false,
    };
    state.sonoran.apply(community.id, { members: new Map([[member.accId, member]]) });
    return { status: 201, body: viewMember(member) };
  },

  'admin.connectSonoranUser': (req, ctx) => {
    const state = ctx.state();
    const community = existingCommunity(req, state, ctx.registry);
    const room = existingRoom(req, community);
    const input = req.body as RadioUserInput;
    const member = community.members.get(input.identity);
    if (member === undefined) {
      throw adminProblem('MOCK_MEMBER_NOT_FOUND', `community ${community.id} has no member ${input.identity}`);
    }
    if (member.banned || !member.approved || room.users.has(input.identity)) {
      const why = room.users.has(input.identity)
        ? `${input.identity} is already connected to room ${room.id}; disconnect it first`
        : `member ${input.identity} is ${member.banned ? 'banned (unban' : 'pending (approve'} it first)`;
      throw adminProblem('MOCK_RADIO_CONNECT_REFUSED', why);
    }
    const outcome = connectUser(community, room.id, input, { strict: ctx.config.strict }, now(state));
    if (!outcome.ok) throw adminProblem('MOCK_INVALID_RADIO_CHANNELS', outcome.why);
    state.sonoran.apply(community.id, outcome.patch);
    const pushUrl = room.server?.pushUrl;
    if (pushUrl !== undefined && pushUrl !== null) {
      deliverPush(
        state.sonoran,
        { url: pushUrl, roomId: room.id, time: now(state) },
        userConnectedEvent(community, input.identity),
      );
    }
    return { status: 201, body: viewRoom(state.sonoran.getCommunity(community.id)?.rooms.get(room.id) ?? room) };
  },

  'admin.disconnectSonoranUser': (req, ctx) => {
    const state = ctx.state();
    const community = existingCommunity(req, state, ctx.registry);
    const room = existingRoom(req, community);
    const outcome = disconnectUser(community, room.id, req.params.identity ?? '');
    if (!outcome.ok) throw adminProblem('MOCK_RADIO_USER_NOT_FOUND', outcome.why);
    state.sonoran.apply(community.id, outcome.patch);
    return { status: 200, body: viewRoom(state.sonoran.getCommunity(community.id)?.rooms.get(room.id) ?? room) };
  },

  'admin.listSonoranTransmissions': (req, ctx) => ({
    status: 200,
    body: { transmissions: existingCommunity(req, ctx.state(), ctx.registry).transmissions },
  }),

  'admin.addSonoranTransmissions': (req, ctx) => {
    const state = ctx.state();
    const community = existingCommunity(req, state, ctx.registry);
    const rows = (req.body as { transmissions: TransmissionInput[] }).transmissions;
    const time = now(state);
    const outcome = addTransmissions(
      community,
      rows.map((row) => {
        const { id, ...rest } = buildTransmission(row, '', time);
        return row.id === undefined ? rest : { ...rest, id };
      }),
    );
    if (!outcome.ok) throw adminProblem('MOCK_INVALID_TRANSMISSION', outcome.why);
    state.sonoran.apply(community.id, outcome.patch);
    return { status: 201, body: { transmissions: outcome.result.transmissions } };
  },

  'admin.listSonoranTones': (req, ctx) => ({
    status: 200,
    body: { tones: existingCommunity(req, ctx.state(), ctx.registry).tones },
  }),

  'admin.getSonoranSpeakers': (req, ctx) => ({
    status: 200,
    body: { locations: existingCommunity(req, ctx.state(), ctx.registry).speakers },
  }),

  'admin.listSonoranPushEvents': (req, ctx) => {
    const state = ctx.state();
    const community = existingCommunity(req, state, ctx.registry);
    return { status: 200, body: { pushes: state.sonoran.pushAttempts(community.id) } };
  },
};
