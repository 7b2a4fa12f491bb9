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
];

export const ADMIN_SONORAN_OPERATIONS: readonly OperationContract[] = adminOperations(ROWS);
