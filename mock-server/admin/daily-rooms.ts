/** Control API for Daily: rooms and their live participants. */
import type { ContractRegistry } from '../../contracts/registry';
import { buildParticipant, buildRoom, viewRoom } from '../apis/daily/semantics';
import type { ParticipantInput, Room, RoomInput } from '../apis/daily/types';
import { tooManyParticipants } from '../limits';
import type { MockState } from '../state';
import { adminProblem } from './errors';
import type { AdminHandler, AdminRequest } from './types';

const ROOM_NAME = 'urn:perm-mock:admin:daily#/$defs/roomName';

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

  'admin.joinDailyParticipant': (req, ctx) => {
    const state = ctx.state();
    const room = existingRoom(req, state, ctx.registry);
    const input = req.body as ParticipantInput;
    if (room.participants.has(input.id)) {
      throw adminProblem(
        'MOCK_PARTICIPANT_EXISTS',
        `participant ${input.id} is already in room ${room.name}; remove it first with DELETE /__admin/daily/rooms/${room.name}/participants/${input.id}`,
      );
    }
    const limit = tooManyParticipants(room.name, room.participants.size + 1, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    const participants = new Map(room.participants);
    participants.set(input.id, buildParticipant(input, state.clock.now().toISOString()));
    const next: Room = { ...room, participants };
    state.daily.setRoom(next);
    return { status: 201, body: viewRoom(next) };
  },

  'admin.leaveDailyParticipant': (req, ctx) => {
    const state = ctx.state();
    const room = existingRoom(req, state, ctx.registry);
    const id = req.params.id ?? '';
    if (!room.participants.has(id)) {
      throw adminProblem('MOCK_PARTICIPANT_NOT_FOUND', `room ${room.name} has no participant ${id}`);
    }
    const participants = new Map(room.participants);
    participants.delete(id);
    const next: Room = { ...room, participants };
    state.daily.setRoom(next);
    return { status: 200, body: viewRoom(next) };
  },
};
