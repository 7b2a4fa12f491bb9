/** Daily's contract schemas. */
import calls from './calls.json';
import errors from './errors.json';
import meetingTokens from './meeting-tokens.json';
import permissions from './permissions.json';
import rooms from './rooms.json';
import updatePermissionsRequest from './update-permissions-request.json';
import updatePermissionsResponse from './update-permissions-response.json';
import webhooks from './webhooks.json';

export const DAILY_SCHEMAS = [
  permissions,
  updatePermissionsRequest,
  updatePermissionsResponse,
  errors,
  rooms,
  meetingTokens,
  calls,
  webhooks,
];
