/** Problems raised by the shared plumbing: routing, body reading and faults in the mock itself. */
import { MockProblem, type ProblemDefinition, type ProblemExtras } from './problem';

export const HTTP_PROBLEMS = {
  MOCK_ROUTE_NOT_FOUND: {
    status: 404,
    title: 'No mocked or control route matches this path',
    when: 'no mocked or control route matches; the detail lists what is served',
  },
  MOCK_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'This path does not accept this method',
    when: 'the path exists for other methods; the `Allow` header lists them',
  },
  MOCK_INVALID_JSON: {
    status: 400,
    title: 'The request body is not valid JSON',
    when: 'a control-API body that is not JSON',
  },
  MOCK_INVALID_BODY: {
    status: 400,
    title: 'The request body breaks its contract',
    when: 'a control-API body that breaks its contract; `errors` lists every violation',
  },
  MOCK_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The request body must be JSON',
    when: 'a control-API body not sent as `application/json`',
  },
  MOCK_BODY_TOO_LARGE: {
    status: 413,
    title: 'The request body is larger than the limit',
    when: 'a control-API body over `--body-limit`',
  },
  MOCK_BAD_REQUEST: {
    status: 400,
    title: 'The request could not be read',
    when: 'a request that cannot be read at all (e.g. malformed percent-encoding in the path)',
  },
  MOCK_INTERNAL_ERROR: {
    status: 500,
    title: 'perm-mock failed while handling the request',
    when: 'a fault in the mock; the log has the stack trace; please report it',
  },
  MOCK_STATE_FILE_WRITE_FAILED: {
    status: 500,
    title: 'The change was made but the state file could not be written',
    when: 'the change was made in memory but `--state-file` could not be written (disk full, permissions); the log has the cause',
  },
  MOCK_HEADERS_TOO_LARGE: {
    status: 431,
    title: 'The request line and headers are larger than the server accepts',
    when: "the request line and headers are over Node's 16 KiB limit (a very long path)",
  },
  MOCK_REQUEST_TIMEOUT: {
    status: 408,
    title: 'The request did not arrive in time',
    when: "the request line and headers did not arrive within 10 s, or the whole request within 30 s (Node's headersTimeout and requestTimeout, set by the mock)",
  },
  MOCK_SELF_CHECK_FAILED: {
    status: 500,
    title: "perm-mock's answer broke its own contract (--self-check)",
    when: 'with `--self-check`, an answer of the mock broke its own contract; the detail and `errors` list the violations',
  },
} as const satisfies Record<string, ProblemDefinition>;

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

export function httpProblem(code: HttpProblemCode, detail: string, extras?: ProblemExtras): MockProblem {
  return new MockProblem(code, HTTP_PROBLEMS[code], detail, extras);
}
