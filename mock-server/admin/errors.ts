/** Problems the control API raises when it is misused. */
import { MockProblem, type ProblemDefinition, type ProblemExtras } from '../http/problem';

export const ADMIN_PROBLEMS = {
  MOCK_DOCUMENT_NOT_FOUND: { status: 404, title: 'No OpenAPI document has this name' },
  MOCK_LIMIT_EXCEEDED: { status: 400, title: 'The change would break a size limit' },
  MOCK_ADMIN_UNAUTHORIZED: { status: 401, title: 'The control API needs the admin token' },
  MOCK_INVALID_NAMESPACE: { status: 400, title: 'The namespace name is not valid' },
  MOCK_DEFAULT_NAMESPACE: { status: 400, title: 'The default namespace cannot be created or deleted' },
  MOCK_NAMESPACE_NOT_FOUND: { status: 404, title: 'No namespace has this name' },
  MOCK_FAULT_NOT_FOUND: { status: 404, title: 'No fault has this id' },
  MOCK_INVALID_FAULT: { status: 400, title: 'The fault cannot be injected as described' },
  MOCK_SCENARIO_NOT_FOUND: { status: 404, title: 'No scenario has this name' },
  MOCK_INVALID_QUERY: { status: 400, title: 'A query parameter has a value the route does not accept' },
  MOCK_INVALID_ROOM_NAME: { status: 400, title: 'The room name is not a valid Daily room name' },
  MOCK_ROOM_NOT_FOUND: { status: 404, title: 'The mock has no room with this name' },
  MOCK_DUPLICATE_PARTICIPANT: { status: 400, title: 'The same participant id appears twice' },
  MOCK_PARTICIPANT_EXISTS: { status: 409, title: 'A participant with this id is already in the room' },
  MOCK_PARTICIPANT_NOT_FOUND: { status: 404, title: 'The room has no participant with this id' },
  MOCK_INVALID_COMMUNITY_ID: { status: 400, title: 'The community id is not valid' },
  MOCK_COMMUNITY_NOT_FOUND: { status: 404, title: 'The mock has no community with this id' },
  MOCK_INCONSISTENT_COMMUNITY: { status: 400, title: 'The community body contradicts itself' },
  MOCK_MEMBER_NOT_FOUND: { status: 404, title: 'The community has no member with this account id' },
} as const satisfies Record<string, ProblemDefinition>;

export type AdminProblemCode = keyof typeof ADMIN_PROBLEMS;

export function adminProblem(code: AdminProblemCode, detail: string, extras?: ProblemExtras): MockProblem {
  return new MockProblem(code, ADMIN_PROBLEMS[code], detail, extras);
}
