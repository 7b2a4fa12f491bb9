/** The control API's rows for Sonoran Radio: communities, members and what only a radio client does. */
import { adminOperations, type AdminRow } from './admin';
import { empty, json, problem, type OperationContract } from './types';

const JSON_TYPE = 'application/json';
const ADMIN_SONORAN = 'urn:perm-mock:admin:sonoran-radio#/$defs';

const ROWS: readonly AdminRow[] = [
  {
    id: 'admin.listSonoranCommunities',
    method: 'GET',
    path: '/__admin/sonoran/communities',
    summary: 'List Sonoran Radio communities',
    responses: { 200: json('Every community', `${ADMIN_SONORAN}/communityList`) },
  },
  {
    id: 'admin.putSonoranCommunity',
    method: 'PUT',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Create or replace a Sonoran Radio community with its key, channels and members',
    request: { schema: `${ADMIN_SONORAN}/communityInput`, contentType: JSON_TYPE },
    responses: {
      200: json('The community as stored', `${ADMIN_SONORAN}/community`),
      400: problem('Invalid community id or body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.getSonoranCommunity',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Read a Sonoran Radio community',
    responses: { 200: json('The community', `${ADMIN_SONORAN}/community`), 404: problem('No such community') },
  },
  {
    id: 'admin.deleteSonoranCommunity',
    method: 'DELETE',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Delete a Sonoran Radio community',
    responses: { 204: empty('Deleted'), 404: problem('No such community') },
  },
  {
    id: 'admin.getSonoranMember',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/members/{accId}',
    summary: 'Read one member: mask, bit names and channel access',
    responses: { 200: json('The member', `${ADMIN_SONORAN}/member`), 404: problem('No such community or member') },
  },
  {
    id: 'admin.requestSonoranMembership',
    method: 'POST',
    path: '/__admin/sonoran/communities/{id}/join-requests',
    summary:
      'An account asks to join the community, as the radio client would: it becomes a pending member (a kicked member comes back this way; approve it to let it connect)',
    request: { schema: `${ADMIN_SONORAN}/joinRequestInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The pending member', `${ADMIN_SONORAN}/member`),
      400: problem('Invalid body, or the community would pass --max-members'),
      404: problem('No such community'),
      409: problem('The account is a member already, or banned'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.getSonoranRoom',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/rooms/{roomId}',
    summary: 'Read one room: its connected radio users, zones and game server',
    responses: { 200: json('The room', `${ADMIN_SONORAN}/room`), 404: problem('No such community or room') },
  },
  {
    id: 'admin.connectSonoranUser',
    method: 'POST',
    path: '/__admin/sonoran/communities/{id}/rooms/{roomId}/users',
    summary:
      "A radio user connects to a room, as the radio client would (an approved member, not banned); the room's push URL gets user_connected",
    request: { schema: `${ADMIN_SONORAN}/connectInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The room after the connect', `${ADMIN_SONORAN}/room`),
      400: problem('Invalid body, or channels the member may not be put on'),
      404: problem('No such community, room or member'),
      409: problem('The member is pending or banned, or already connected to the room'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.disconnectSonoranUser',
    method: 'DELETE',
    path: '/__admin/sonoran/communities/{id}/rooms/{roomId}/users/{identity}',
    summary: 'A radio user disconnects from a room',
    responses: {
      200: json('The room after the disconnect', `${ADMIN_SONORAN}/room`),
      404: problem('No such community or room, or the user is not connected to it'),
    },
  },
  {
    id: 'admin.listSonoranTransmissions',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/transmissions',
    summary: 'The transmission log, oldest first',
    responses: {
      200: json('The transmissions', `${ADMIN_SONORAN}/transmissionList`),
      404: problem('No such community'),
    },
  },
  {
    id: 'admin.addSonoranTransmissions',
    method: 'POST',
    path: '/__admin/sonoran/communities/{id}/transmissions',
    summary: 'Seed transmission log rows (what get-transmissions pages through)',
    request: { schema: `${ADMIN_SONORAN}/transmissionsInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The rows added', `${ADMIN_SONORAN}/transmissionList`),
      400: problem('Invalid body, or an id already logged'),
      404: problem('No such community'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.listSonoranTones',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/tones',
    summary: 'The tones played (v1 and v2), oldest first',
    responses: { 200: json('The tone plays', `${ADMIN_SONORAN}/toneList`), 404: problem('No such community') },
  },
  {
    id: 'admin.getSonoranSpeakers',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/speakers',
    summary: 'The in-game speaker locations last set',
    responses: { 200: json('The locations', `${ADMIN_SONORAN}/speakerList`), 404: problem('No such community') },
  },
  {
    id: 'admin.listSonoranPushEvents',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/push-events',
    summary: "Push events the mock sent to the community's push URLs, with each attempt's outcome",
    responses: {
      200: json('The attempts, oldest first', `${ADMIN_SONORAN}/pushList`),
      404: problem('No such community'),
    },
  },
];

export const ADMIN_SONORAN_OPERATIONS: readonly OperationContract[] = adminOperations(ROWS);
