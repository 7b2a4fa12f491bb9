/** Control-API bodies: JSON only, checked against their contract, refused with a problem that says why. */
import type { Request } from 'express';

import type { ContractRegistry } from '../../contracts/registry';
import { decodeJson, isJsonContentType } from '../http/body';
import { httpProblem } from '../http/errors';

export function readAdminBody<T>(req: Request, registry: ContractRegistry, schemaId: string): T {
  const contentType = req.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    throw httpProblem(
      'MOCK_UNSUPPORTED_MEDIA_TYPE',
      `send the body as JSON with 'Content-Type: application/json' (got ${contentType ?? 'no Content-Type'})`,
    );
  }
  const read = decodeJson(req.body);
  if (!read.ok) throw httpProblem('MOCK_INVALID_JSON', read.detail);
  const violations = registry.validate(schemaId, read.value);
  if (violations.length > 0) {
    const texts = violations.map((v) => v.text);
    throw httpProblem('MOCK_INVALID_BODY', texts.join('; '), { errors: texts });
  }
  return read.value as T;
}
