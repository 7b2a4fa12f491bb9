/** Sonoran Radio's contract schemas (v1 and v2). */
import model from './model.json';
import responses from './responses.json';
import setMemberPermissionsRequest from './set-member-permissions-request.json';
import v1Requests from './v1-requests.json';
import v2Problem from './v2-problem.json';
import v2Requests from './v2-requests.json';
import v2Responses from './v2-responses.json';

export const SONORAN_SCHEMAS = [
  model,
  setMemberPermissionsRequest,
  v1Requests,
  responses,
  v2Requests,
  v2Responses,
  v2Problem,
];
