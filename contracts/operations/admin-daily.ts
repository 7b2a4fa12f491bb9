/** The control API's rows for Daily: rooms, their live participants, what only a call client does (join, leave), and webhook deliveries. */
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
      200: json('The room as stored', `${ADMIN_DAILY}/storedRoom`),
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
    responses: { 200: json('The room', `${ADMIN_DAILY}/storedRoom`), 404: problem('No such room') },
  },
  {
    id: 'admin.deleteDailyRoom',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Delete a Daily room (its call ends: participant.left for each, then meeting.ended)',
    responses: { 204: empty('Deleted'), 404: problem('No such room') },
  },
  {
    id: 'admin.joinDailyParticipant',
    method: 'POST',
    path: '/__admin/daily/rooms/{name}/participants',
    summary:
      "A participant joins a Daily room as a client would: with a meeting token or without, under the room's rules (privacy, nbf/exp, max_participants, bans, unique user ids); a fresh session id unless id fixes one",
    request: { schema: `${ADMIN_DAILY}/joinInput`, contentType: JSON_TYPE, optional: true },
    responses: {
      201: json('The participant as it joined, and who it replaced', `${ADMIN_DAILY}/joinResult`),
      400: problem('Invalid body, or a meeting token that does not check out'),
      403: problem("The room's rules refuse the join (MOCK_DAILY_JOIN_REFUSED; the detail says which)"),
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
    summary: 'A participant leaves a Daily room (participant.left; the last one out ends the meeting)',
    responses: {
      200: json('The room after the leave', `${ADMIN_DAILY}/storedRoom`),
      404: problem('No such room or participant'),
    },
  },
  {
    id: 'admin.listDailyWebhookDeliveries',
    method: 'GET',
    path: '/__admin/daily/webhook-deliveries',
    summary:
      "Every request the mock made to the namespace's webhook URL (verifications, deliveries, retries), oldest first",
    responses: { 200: json('The attempts, and how many messages wait', `${ADMIN_DAILY}/deliveries`) },
  },
  {
    id: 'admin.clearDailyWebhookDeliveries',
    method: 'DELETE',
    path: '/__admin/daily/webhook-deliveries',
    summary: 'Forget the recorded webhook attempts',
    responses: { 204: empty('Forgotten') },
  },
];

export const ADMIN_DAILY_OPERATIONS: readonly OperationContract[] = adminOperations(ROWS);
