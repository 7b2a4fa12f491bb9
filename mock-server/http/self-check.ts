/**
 * `--self-check`: every answer is checked against its own contract before it is sent. An answer
 * that breaks one is logged and replaced by a loud 500 problem, so the mock cannot drift from its
 * schemas unnoticed (perm-mock's own test suite runs with it on).
 */
import { checkAnswer } from '../../contracts/exchange';
import { PROBLEM_TYPE } from '../../contracts/operations';
import type { ContractRegistry } from '../../contracts/registry';
import type { ResolvedOptions } from '../options';
import { httpProblem } from './errors';
import { problemBody } from './problem';
import { texts } from './request-parts';
import type { Outgoing } from './respond';

export type SelfCheck = (method: string, path: string, answer: Outgoing) => Outgoing;

/** With --self-check, an answer that breaks its own contract is replaced by a loud 500 and logged. */
export function createSelfCheck(config: ResolvedOptions, registry: ContractRegistry): SelfCheck {
  const { logger } = config;
  return (method: string, path: string, answer: Outgoing): Outgoing => {
    if (!config.selfCheck) return answer;
    const { violations } = checkAnswer(
      method,
      path,
      { status: answer.status, contentType: answer.body === undefined ? null : answer.contentType, body: answer.body },
      registry,
    );
    if (violations.length === 0) return answer;
    const list = texts(violations);
    logger.error({ method, path, status: answer.status, violations: list }, 'self-check: an answer broke its contract');
    const problem = httpProblem(
      'MOCK_SELF_CHECK_FAILED',
      `the ${answer.status} answer to ${method} ${path} broke its contract: ${list.join('; ')}`,
      { errors: list },
    );
    return { status: 500, body: problemBody(problem, path), contentType: `${PROBLEM_TYPE}; charset=utf-8` };
  };
}
