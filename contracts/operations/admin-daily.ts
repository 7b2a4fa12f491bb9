/** The control API's rows for Daily: rooms, their live participants and what only a call client does. */
import { adminOperations, type AdminRow } from './admin';
import { empty, json, problem, type OperationContract } from './types';

const JSON_TYPE = 'application/json';
const ADMIN_DAILY = 'urn:perm-mock:admin:daily#/$defs';

const ROWS: readonly AdminRow[] = [
  {
    id: 'admin.listDailyRooms',
    method: 'GET',
    path: '/__admin/daily/rooms',
    summary: 'List Daily rooms',
    responses: { 200: json('Every room', `${ADMIN_DAILY}/roomList`) },
  },
  {
    id: 'admin.putDailyRoom',
    method: 'PUT',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Create or replace a Daily room and its live participants',
    request: { schema: `${ADMIN_DAILY}/roomInput`, contentType: JSON_TYPE },
    responses: {
      200: json('The room as stored', `${ADMIN_DAILY}/room`),
      400: problem('Invalid room name or body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.getDailyRoom',
    method: 'GET',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Read a Daily room and its participants',
    responses: { 200: json('The room', `${ADMIN_DAILY}/room`), 404: problem('No such room') },
  },
  {
    id: 'admin.deleteDailyRoom',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Delete a Daily room',
    responses: { 204: empty('Deleted'), 404: problem('No such room') },
  },
  {
    id: 'admin.joinDailyParticipant',
    method: 'POST',
    path: '/__admin/daily/rooms/{name}/participants',
    summary: 'A participant joins a Daily room',
    request: { schema: `${ADMIN_DAILY}/participantInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The room after the join', `${ADMIN_DAILY}/room`),
      400: problem('Invalid body'),
      404: problem('No such room'),
      409: problem('A participant with this id is already in the room'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.leaveDailyParticipant',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}/participants/{id}',
    summary: 'A participant leaves a Daily room',
    responses: {
      200: json('The room after the leave', `${ADMIN_DAILY}/room`),
      404: problem('No such room or participant'),
    },
  },
];

export const ADMIN_DAILY_OPERATIONS: readonly OperationContract[] = adminOperations(ROWS);
