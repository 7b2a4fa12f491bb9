/**
 * Control API for Daily: rooms and their live participants, joins and leaves as a call client
 * makes them, and the requests the mock made to the webhook URL.
 */
import type { ContractRegistry } from '../../contracts/registry';
import { decideJoin } from '../apis/daily/calls';
import { buildRoom, viewRoom } from '../apis/daily/semantics';
import { checkMeetingToken, type TokenProperties } from '../apis/daily/tokens';
import type { PermissionUpdate, Room, RoomInput } from '../apis/daily/types';
import { tooManyParticipants } from '../limits';
import type { MockState } from '../state';
import { adminProblem } from './errors';
import type { AdminHandler, AdminRequest } from './types';

const ROOM_NAME = 'urn:perm-mock:admin:daily#/$defs/roomName';

/** The body of a join (every field optional). */
interface JoinInput {
  readonly token?: string;
  readonly id?: string;
  readonly userName?: string | null;
  readonly userId?: string | null;
  readonly owner?: boolean;
  readonly joinTime?: string;
  readonly permissions?: PermissionUpdate;
}

function roomName(req: AdminRequest, registry: ContractRegistry): string {
  const name = req.params.name ?? '';
  if (registry.validate(ROOM_NAME, name).length > 0) {
    throw adminProblem(
      'MOCK_INVALID_ROOM_NAME',
      `"${name.slice(0, 200)}" is not a Daily room name: use 1 to 128 letters, digits, '-' or '_'`,
    );
  }
  return name;
}

function existingRoom(req: AdminRequest, state: MockState, registry: ContractRegistry): Room {
  const name = roomName(req, registry);
  const room = state.daily.getRoom(name);
  if (room === undefined) {
    throw adminProblem('MOCK_ROOM_NOT_FOUND', `no room named ${name}; create it with PUT /__admin/daily/rooms/${name}`);
  }
  return room;
}

function participantExists(room: Room, id: string): never {
  throw adminProblem(
    'MOCK_PARTICIPANT_EXISTS',
    `participant ${id} is already in room ${room.name}; remove it first with DELETE /__admin/daily/rooms/${room.name}/participants/${id}`,
  );
}

export const DAILY_ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.listDailyRooms': (_req, ctx) => ({
    status: 200,
    body: { rooms: [...ctx.state().daily.rooms()].map(viewRoom) },
  }),

  'admin.getDailyRoom': (req, ctx) => ({ status: 200, body: viewRoom(existingRoom(req, ctx.state(), ctx.registry)) }),

  'admin.putDailyRoom': (req, ctx) => {
    const name = roomName(req, ctx.registry);
    const input = req.body as RoomInput;
    const limit = tooManyParticipants(name, input.participants?.length ?? 0, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    const built = buildRoom(name, input, ctx.state().clock.now().toISOString());
    if (!built.ok) {
      throw adminProblem(
        'MOCK_DUPLICATE_PARTICIPANT',
        `participant ${built.duplicate} is listed twice in room ${name}`,
      );
    }
    ctx.state().daily.setRoom(built.room);
    return { status: 200, body: viewRoom(built.room) };
  },

  'admin.deleteDailyRoom': (req, ctx) => {
    const state = ctx.state();
    state.daily.deleteRoom(existingRoom(req, state, ctx.registry).name);
    return { status: 204 };
  },

  'admin.joinDailyParticipant': async (req, ctx) => {
    const state = ctx.state();
    existingRoom(req, state, ctx.registry);
    const input = (req.body ?? {}) as JoinInput;
    if (
      input.token !== undefined &&
      (input.userId !== undefined || input.owner !== undefined || input.permissions !== undefined)
    ) {
      throw adminProblem(
        'MOCK_DAILY_JOIN_INVALID',
        'a join with a meeting token takes its user id, owner flag and permissions from the token: leave userId, owner and permissions out',
      );
    }
    let token: TokenProperties | null = null;
    if (input.token !== undefined) {
      const { daily } = state;
      const checked = await checkMeetingToken(input.token, daily.apiKeys, daily.domain.id, state.clock.nowMs());
      if (!checked.ok) throw adminProblem('MOCK_DAILY_TOKEN_INVALID', checked.info);
      token = checked.properties;
    }
    // The state may have moved on while the signature was checked: decide on what is there now.
    const room = existingRoom(req, state, ctx.registry);
    const sessionId = input.id ?? state.daily.uuid();
    const decision = decideJoin(
      room,
      state.daily.domain,
      {
        sessionId,
        token,
        ...(input.userName !== undefined && { userName: input.userName }),
        ...(input.userId !== undefined && { userId: input.userId }),
        ...(input.owner !== undefined && { owner: input.owner }),
        ...(input.permissions !== undefined && { permissions: input.permissions }),
        ...(input.joinTime !== undefined && { joinTime: input.joinTime }),
      },
      state.clock.nowMs(),
    );
    if (!decision.ok) {
      if (decision.reason === 'session-exists') participantExists(room, sessionId);
      throw adminProblem('MOCK_DAILY_JOIN_REFUSED', `${decision.reason}: ${decision.detail}`, {
        errors: [decision.reason],
      });
    }
    const limit = tooManyParticipants(room.name, room.participants.size + 1 - decision.replaced.length, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    state.daily.join(room.name, decision.participant, decision.replaced);
    return {
      status: 201,
      body: { room: room.name, participant: decision.participant, replaced: decision.replaced },
    };
  },

  'admin.leaveDailyParticipant': (req, ctx) => {
    const state = ctx.state();
    const room = existingRoom(req, state, ctx.registry);
    const id = req.params.id ?? '';
    if (!state.daily.leave(room.name, id)) {
      throw adminProblem('MOCK_PARTICIPANT_NOT_FOUND', `room ${room.name} has no participant ${id}`);
    }
    return { status: 200, body: viewRoom(existingRoom(req, state, ctx.registry)) };
  },

  'admin.listDailyWebhookDeliveries': (_req, ctx) => {
    const state = ctx.state();
    return { status: 200, body: { deliveries: state.daily.attempts(), pending: state.dailyDeliverer.pending } };
  },

  'admin.clearDailyWebhookDeliveries': (_req, ctx) => {
    ctx.state().daily.clearAttempts();
    return { status: 204 };
  },
};
