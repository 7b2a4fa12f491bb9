/**
 * Read a mocked API's JSON request in one pass: the Content-Type, the decoded body and every
 * contract violation, recorded on the call for the journal. The API then decides, in its own
 * precedence, which of these problems to answer with.
 */
import type { ContractRegistry } from '../../contracts/registry';
import { decodeJson, isJsonContentType, type JsonRead } from './body';
import type { ApiRequest } from './api-route';
import type { CallRecord } from './call';

const BODY_TEXT_LIMIT = 4096;

export interface JsonRequest {
  readonly contentType: string | undefined;
  /** The Content-Type is `application/json` (or a `+json` type). */
  readonly jsonType: boolean;
  readonly read: JsonRead;
  /** Violations of the body's schema (empty when the body is not JSON at all). */
  readonly schemaViolations: readonly string[];
}

export function readJsonRequest(
  req: ApiRequest,
  call: CallRecord,
  registry: ContractRegistry,
  schemaId: string,
  headerViolations: readonly string[] = [],
): JsonRequest {
  const violations = [...headerViolations];
  const contentType = req.headers['content-type'];
  const jsonType = isJsonContentType(contentType);
  if (!jsonType) violations.push(`headers.content-type must be application/json (got ${contentType ?? 'none'})`);
  const read = decodeJson(req.body);
  let schemaViolations: string[] = [];
  if (read.ok) {
    call.body = read.value;
    schemaViolations = registry.validate(schemaId, read.value).map((v) => v.text);
    violations.push(...schemaViolations);
  } else {
    violations.push(`body: ${read.detail}`);
    if (Buffer.isBuffer(req.body) && req.body.length > 0)
      call.bodyText = req.body.subarray(0, BODY_TEXT_LIMIT).toString('utf8');
  }
  call.violations = violations;
  return { contentType, jsonType, read, schemaViolations };
}
