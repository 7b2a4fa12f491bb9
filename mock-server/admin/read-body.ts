/** Control-API bodies: JSON only, checked against their contract, refused with a problem that says why. */
import type { Request, Response } from 'express';

import type { ContractRegistry } from '../../contracts/registry';
import { decodeJson, isJsonContentType } from '../http/body';
import { httpProblem } from '../http/errors';
import { sendProblem } from '../http/problem';
import type { MockState } from '../state';

export function readAdminBody<T>(req: Request, registry: ContractRegistry, schemaId: string): T {
  const contentType = req.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    throw httpProblem(
      'MOCK_UNSUPPORTED_MEDIA_TYPE',
      `send the body as JSON with 'Content-Type: application/json' (got ${contentType ?? 'no Content-Type'})`,
    );
  }
  const read = decodeJson(req.body);
  if (!read.ok) throw httpProblem(read.problem === 'depth' ? 'MOCK_INVALID_BODY' : 'MOCK_INVALID_JSON', read.detail);
  const violations = registry.validate(schemaId, read.value);
  if (violations.length > 0) {
    const texts = violations.map((v) => v.text);
    throw httpProblem('MOCK_INVALID_BODY', texts.join('; '), { errors: texts });
  }
  return read.value as T;
}

/** Answer a control-API change once it is durable (at once without a state file). */
export function answerAfterCommit(req: Request, res: Response, state: MockState, status: number, body?: unknown): void {
  state.commit((error) => {
    if (error !== undefined) {
      sendProblem(
        res,
        httpProblem(
          'MOCK_STATE_FILE_WRITE_FAILED',
          `the change is in memory but the state file could not be written: ${error.message}`,
        ),
        req.originalUrl,
      );
    } else if (body === undefined) {
      res.status(status).end();
    } else {
      res.status(status).json(body);
    }
  });
}
