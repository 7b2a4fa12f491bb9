/** Control API for Daily: rooms and their live participants. */
import { Router, type Request } from 'express';

import type { ContractRegistry } from '../../contracts/registry';
import { buildParticipant, buildRoom, viewRoom } from '../apis/daily/semantics';
import type { ParticipantInput, Room, RoomInput } from '../apis/daily/types';
import { readRawBody } from '../http/body';
import type { RouteDeps } from '../http/deps';
import { methodNotAllowed } from '../http/routing';
import { adminProblem } from './errors';
import { tooManyParticipants } from '../limits';
import { answerAfterCommit, readAdminBody } from './read-body';

const ROOM_NAME = 'urn:perm-mock:admin:daily#/$defs/roomName';
const ROOM_INPUT = 'urn:perm-mock:admin:daily#/$defs/roomInput';
const PARTICIPANT_INPUT = 'urn:perm-mock:admin:daily#/$defs/participantInput';

function roomName(req: Request, registry: ContractRegistry): string {
  const name = String(req.params.name);
  if (registry.validate(ROOM_NAME, name).length > 0) {
    throw adminProblem(
      'MOCK_INVALID_ROOM_NAME',
      `"${name}" is not a Daily room name: use 1 to 128 letters, digits, '-' or '_'`,
    );
  }
  return name;
}

export function createDailyAdminRouter(deps: RouteDeps): Router {
  const router = Router();
  const { registry, config } = deps;
  const body = readRawBody(config.bodyLimit);
  const now = (): string => config.clock().toISOString();

  const existingRoom = (req: Request): Room => {
    const name = roomName(req, registry);
    const room = deps.stateFor(req).daily.getRoom(name);
    if (room === undefined) {
      throw adminProblem(
        'MOCK_ROOM_NOT_FOUND',
        `no room named ${name}; create it with PUT /__admin/daily/rooms/${name}`,
      );
    }
    return room;
  };

  router
    .route('/rooms')
    .get((req, res) => {
      res.json({ rooms: [...deps.stateFor(req).daily.rooms()].map(viewRoom) });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/rooms/:name')
    .get((req, res) => {
      res.json(viewRoom(existingRoom(req)));
    })
    .put(body, (req, res) => {
      const name = roomName(req, registry);
      const input = readAdminBody<RoomInput>(req, registry, ROOM_INPUT);
      const limit = tooManyParticipants(name, input.participants?.length ?? 0, config);
      if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
      const built = buildRoom(name, input, now());
      if (!built.ok) {
        throw adminProblem(
          'MOCK_DUPLICATE_PARTICIPANT',
          `participant ${built.duplicate} is listed twice in room ${name}`,
        );
      }
      const state = deps.stateFor(req);
      state.daily.setRoom(built.room);
      answerAfterCommit(req, res, state, 200, viewRoom(built.room));
    })
    .delete((req, res) => {
      const room = existingRoom(req);
      const state = deps.stateFor(req);
      state.daily.deleteRoom(room.name);
      answerAfterCommit(req, res, state, 204);
    })
    .all(methodNotAllowed(['GET', 'PUT', 'DELETE']));

  router
    .route('/rooms/:name/participants')
    .post(body, (req, res) => {
      const room = existingRoom(req);
      const input = readAdminBody<ParticipantInput>(req, registry, PARTICIPANT_INPUT);
      if (room.participants.has(input.id)) {
        throw adminProblem(
          'MOCK_PARTICIPANT_EXISTS',
          `participant ${input.id} is already in room ${room.name}; remove it first with DELETE /__admin/daily/rooms/${room.name}/participants/${input.id}`,
        );
      }
      const limit = tooManyParticipants(room.name, room.participants.size + 1, config);
      if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
      const participants = new Map(room.participants);
      participants.set(input.id, buildParticipant(input, now()));
      const next: Room = { ...room, participants };
      const state = deps.stateFor(req);
      state.daily.setRoom(next);
      answerAfterCommit(req, res, state, 201, viewRoom(next));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/rooms/:name/participants/:id')
    .delete((req, res) => {
      const room = existingRoom(req);
      const id = String(req.params.id);
      if (!room.participants.has(id)) {
        throw adminProblem('MOCK_PARTICIPANT_NOT_FOUND', `room ${room.name} has no participant ${id}`);
      }
      const participants = new Map(room.participants);
      participants.delete(id);
      const next: Room = { ...room, participants };
      const state = deps.stateFor(req);
      state.daily.setRoom(next);
      answerAfterCommit(req, res, state, 200, viewRoom(next));
    })
    .all(methodNotAllowed(['DELETE']));

  return router;
}
