/** Problems raised by the shared plumbing: routing, body reading and faults in the mock itself. */
import { MockProblem, type ProblemDefinition, type ProblemExtras } from './problem';

export const HTTP_PROBLEMS = {
  MOCK_ROUTE_NOT_FOUND: { status: 404, title: 'No mocked or control route matches this path' },
  MOCK_METHOD_NOT_ALLOWED: { status: 405, title: 'This path does not accept this method' },
  MOCK_INVALID_JSON: { status: 400, title: 'The request body is not valid JSON' },
  MOCK_INVALID_BODY: { status: 400, title: 'The request body breaks its contract' },
  MOCK_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be JSON' },
  MOCK_BODY_TOO_LARGE: { status: 413, title: 'The request body is larger than the limit' },
  MOCK_BAD_REQUEST: { status: 400, title: 'The request could not be read' },
  MOCK_INTERNAL_ERROR: { status: 500, title: 'perm-mock failed while handling the request' },
  MOCK_STATE_FILE_WRITE_FAILED: { status: 500, title: 'The change was made but the state file could not be written' },
  MOCK_HEADERS_TOO_LARGE: { status: 431, title: 'The request line and headers are larger than the server accepts' },
  MOCK_SELF_CHECK_FAILED: { status: 500, title: "perm-mock's answer broke its own contract (--self-check)" },
} as const satisfies Record<string, ProblemDefinition>;

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

export function httpProblem(code: HttpProblemCode, detail: string, extras?: ProblemExtras): MockProblem {
  return new MockProblem(code, HTTP_PROBLEMS[code], detail, extras);
}
