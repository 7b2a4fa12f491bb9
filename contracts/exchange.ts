import { splitNamespace } from './namespace-path';
import {
  COMMON_RESPONSES,
  getOperation,
  responseContract,
  ROUTER,
  surfaceOf,
  type ResponseContract,
} from './operations';
import { getContractRegistry, type ContractRegistry } from './registry';
import type { Violation } from './messages';

/** What the harness needs of one HTTP response, from any client (supertest, fetch, a recording). */
export interface ResponseExchange {
  readonly status: number;
  /** The Content-Type header, parameters included (`application/json; charset=utf-8`); null when absent. */
  readonly contentType?: string | null;
  /** The parsed JSON body; undefined when there is none. */
  readonly body?: unknown;
}

export interface RequestExchange {
  /** The Content-Type header; read from `headers` when absent. */
  readonly contentType?: string | null;
  /** Request headers with lower-case names (Node's `req.headers`, a journal entry's). */
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: unknown;
}

const BEARER = /^Bearer[ \t]+\S+[ \t]*$/i;

function header(request: RequestExchange, name: string): string | undefined {
  const value = request.headers?.[name];
  return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null;
  const bare = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return bare === undefined || bare === '' ? null : bare;
}

function violation(path: string, message: string, keyword: string): Violation {
  return { path, message, keyword, text: `${path} ${message}` };
}

/** Check a response against the contract of its operation: status, content type and body. */
export function checkResponse(
  operationId: string,
  response: ResponseExchange,
  registry: ContractRegistry = getContractRegistry(),
): Violation[] {
  const operation = getOperation(operationId);
  const contract = responseContract(operation, response.status);
  if (contract === undefined) {
    const listed = Object.keys(operation.responses).join(', ');
    return [
      violation(
        'status',
        `${response.status} is not a documented answer of ${operationId} (documented: ${listed})`,
        'status',
      ),
    ];
  }
  return checkAgainst(contract, response, registry);
}

function checkAgainst(contract: ResponseContract, response: ResponseExchange, registry: ContractRegistry): Violation[] {
  if (contract.schema === undefined && contract.contentType !== undefined) {
    // A text answer (XML, Markdown): its content type is the contract.
    const got = mediaType(response.contentType);
    return got === contract.contentType
      ? []
      : [violation('content-type', `must be ${contract.contentType} (got ${got ?? 'none'})`, 'contentType')];
  }
  if (contract.schema === undefined) {
    const empty = response.body === undefined || response.body === '' || isEmptyObject(response.body);
    return empty ? [] : [violation('body', `must be empty for status ${response.status}`, 'body')];
  }
  const out: Violation[] = [];
  const got = mediaType(response.contentType);
  if (contract.contentType !== undefined && got !== contract.contentType) {
    out.push(violation('content-type', `must be ${contract.contentType} (got ${got ?? 'none'})`, 'contentType'));
  }
  out.push(...registry.validate(contract.schema, response.body, 'body'));
  return out;
}

/** Check a request body (and its content type) against the contract of its operation. */
export function checkRequest(
  operationId: string,
  request: RequestExchange,
  registry: ContractRegistry = getContractRegistry(),
): Violation[] {
  const operation = getOperation(operationId);
  const contract = operation.request;
  const out: Violation[] = [];
  const auth = contract?.auth ?? operation.auth;
  if (auth === 'bearer' && request.headers !== undefined && !BEARER.test(header(request, 'authorization') ?? '')) {
    out.push(violation('headers.authorization', 'must be "Bearer <API key>"', 'auth'));
  }
  if (contract === undefined) return out;
  if (contract.optional === true && (request.body === undefined || request.body === '')) return out;
  const got = mediaType(request.contentType ?? header(request, 'content-type'));
  if (got !== contract.contentType) {
    out.push(violation('content-type', `must be ${contract.contentType} (got ${got ?? 'none'})`, 'contentType'));
  }
  out.push(...registry.validate(contract.schema, request.body, 'body'));
  return out;
}

/** A whole exchange: the request (if given) and the response, each against the operation's contract. */
export function checkExchange(
  operationId: string,
  exchange: { readonly request?: RequestExchange; readonly response: ResponseExchange },
  registry: ContractRegistry = getContractRegistry(),
): { readonly request: Violation[]; readonly response: Violation[]; readonly valid: boolean } {
  const request = exchange.request === undefined ? [] : checkRequest(operationId, exchange.request, registry);
  const response = checkResponse(operationId, exchange.response, registry);
  return { request, response, valid: request.length === 0 && response.length === 0 };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

export interface AnswerCheck {
  /** The operation the method and path belong to; undefined for a path no operation serves (its surface's 404/405). */
  readonly operationId: string | undefined;
  readonly violations: Violation[];
}

/**
 * Check any answer perm-mock (or the upstream) gave, from the method and URL alone: the operation
 * they match is checked as checkResponse does; a path no operation serves is checked against its
 * surface's answers (Daily's not-found under /v1, Sonoran's under /api, /radio and /v2, the mock's
 * problems elsewhere). A `/ns/<name>` prefix is ignored.
 */
export function checkAnswer(
  method: string,
  url: string,
  response: ResponseExchange,
  registry: ContractRegistry = getContractRegistry(),
): AnswerCheck {
  const { path } = splitNamespace(url.split('?', 1)[0] ?? '');
  const head = method.toUpperCase() === 'HEAD';
  const match = ROUTER.match(head ? 'GET' : method.toUpperCase(), path);
  if (match.kind === 'operation' && head) {
    // A HEAD answer is its GET's without the body: only the status can be checked.
    const documented = responseContract(match.operation, response.status) !== undefined;
    const violations = documented
      ? []
      : [violation('status', `${response.status} is not a documented answer of ${match.operation.id}`, 'status')];
    return { operationId: match.operation.id, violations };
  }
  if (match.kind === 'operation') {
    return { operationId: match.operation.id, violations: checkResponse(match.operation.id, response, registry) };
  }
  const surface = surfaceOf(path);
  const answers = surface?.responses ?? COMMON_RESPONSES;
  const expected = match.kind === 'method' ? 405 : 404;
  const where = surface === undefined ? 'outside every API' : `under ${surface.title}`;
  const contract = answers[response.status];
  if (response.status !== expected || contract === undefined) {
    const what = match.kind === 'method' ? `served only for ${match.allowed.join(', ')}` : 'not served';
    return {
      operationId: undefined,
      violations: [
        violation('status', `must be ${expected}: ${method.toUpperCase()} ${path} is ${what} (${where})`, 'status'),
      ],
    };
  }
  return { operationId: undefined, violations: checkAgainst(contract, response, registry) };
}
