/** Sonoran Radio's contract schemas (v1 and v2). */
import responses from './responses.json';
import setMemberPermissionsRequest from './set-member-permissions-request.json';
import v2Problem from './v2-problem.json';

export const SONORAN_SCHEMAS = [setMemberPermissionsRequest, responses, v2Problem];
