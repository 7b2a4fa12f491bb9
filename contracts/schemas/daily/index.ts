/** Daily's contract schemas. */
import errors from './errors.json';
import permissions from './permissions.json';
import updatePermissionsRequest from './update-permissions-request.json';
import updatePermissionsResponse from './update-permissions-response.json';

export const DAILY_SCHEMAS = [permissions, updatePermissionsRequest, updatePermissionsResponse, errors];
