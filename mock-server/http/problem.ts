/**
 * The mock's own failures (unknown route, control-API misuse, a fault in the mock) are answered as
 * RFC 9457 problem details, `application/problem+json`, each with a stable `code`. The mocked APIs
 * never use this: they answer with their upstream error bodies.
 */
import type { ServerResponse } from 'node:http';

import { PROBLEM_TYPE } from '../../contracts/operations';

export interface ProblemDefinition {
  readonly status: number;
  readonly title: string;
  /** When the mock answers with it (the error reference is generated from this). */
  readonly when: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly string[];
}

export interface ProblemExtras {
  /** Every individual violation, when there are several. */
  readonly errors?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** Thrown by control-API handlers; rendered by the error handler. */
export class MockProblem extends Error {
  constructor(
    readonly code: string,
    readonly definition: ProblemDefinition,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'MockProblem';
  }
}

export function problemType(code: string): string {
  return `urn:perm-mock:error:${code}`;
}

export function problemBody(problem: MockProblem, instance?: string): ProblemBody {
  return {
    type: problemType(problem.code),
    title: problem.definition.title,
    status: problem.definition.status,
    detail: problem.detail,
    code: problem.code,
    ...(instance !== undefined && { instance }),
    ...(problem.extras.errors !== undefined && problem.extras.errors.length > 0 && { errors: problem.extras.errors }),
  };
}

export function sendProblem(res: ServerResponse, problem: MockProblem, instance?: string): ProblemBody {
  const body = problemBody(problem, instance);
  const text = JSON.stringify(body);
  for (const [name, value] of Object.entries(problem.extras.headers ?? {})) res.setHeader(name, value);
  res.statusCode = body.status;
  res.setHeader('Content-Type', `${PROBLEM_TYPE}; charset=utf-8`);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
  return body;
}
