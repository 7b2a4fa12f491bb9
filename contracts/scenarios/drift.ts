/**
 * Drift: do recorded answers of the real APIs still agree with the contracts and with the mock?
 * Each recording's answer is checked against its operation's contract; a recording of a contract
 * scenario is also replayed against the mock, comparing the status, the body's shape, and the
 * values the mock's semantics decide (an error type, a result), not free text such as `info`.
 * `perm-mock drift <dir>` runs this on a directory of recordings; the test suite on the committed ones.
 */
import { checkResponse } from '../exchange';
import { shapeDifferences, type Recording } from './recordings';
import { runScenario, SCENARIOS } from './run';
import type { Target } from './types';

export interface DriftResult {
  readonly file: string;
  readonly scenario: string;
  readonly operation: string;
  /** `contract` only, or `contract+replay` when the recording is of a scenario the mock could run. */
  readonly checked: 'contract' | 'contract+replay';
  /** Where the recording and the contract or the mock disagree; empty when they agree. */
  readonly problems: readonly string[];
}

/** Free text and ids: they may differ from run to run, so only their presence and type are compared. */
const FREE_TEXT = new Set([
  'info',
  'detail',
  'instance',
  'traceId',
  'message',
  'id',
  'uuid',
  'createdAt',
  'updatedAt',
  'time',
]);

/** Where two bodies differ in a value the semantics decide (scalars at the same place, free text aside). */
export function valueDifferences(recorded: unknown, actual: unknown, path = 'body'): string[] {
  if (recorded === null || actual === null || typeof recorded !== 'object' || typeof actual !== 'object') {
    return JSON.stringify(recorded) === JSON.stringify(actual)
      ? []
      : [`${path}: ${JSON.stringify(recorded)} in the recording, ${JSON.stringify(actual)} from the mock`];
  }
  if (Array.isArray(recorded) || Array.isArray(actual)) return []; // lists hold data, not decisions
  const out: string[] = [];
  const a = recorded as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (FREE_TEXT.has(key) || !Object.hasOwn(b, key)) continue;
    out.push(...valueDifferences(a[key], b[key], `${path}.${key}`));
  }
  return out;
}

export async function checkDrift(
  recordings: readonly { readonly file: string; readonly recording: Recording }[],
  target: Target | undefined,
): Promise<DriftResult[]> {
  const results: DriftResult[] = [];
  for (const { file, recording } of recordings) {
    const problems = checkResponse(recording.operation, {
      status: recording.response.status,
      contentType: recording.response.headers['content-type'] ?? null,
      body: recording.response.body,
    }).map((v) => `contract: ${v.text}`);
    const scenario = SCENARIOS.find((s) => s.id === recording.scenario);
    if (scenario === undefined || target === undefined) {
      results.push({
        file,
        scenario: recording.scenario,
        operation: recording.operation,
        checked: 'contract',
        problems,
      });
      continue;
    }
    const replayed = await runScenario(scenario, target);
    if (replayed.response === undefined) {
      problems.push(`replay: the mock did not answer (${replayed.problems.join('; ')})`);
    } else {
      if (replayed.response.status !== recording.response.status) {
        problems.push(
          `status: ${recording.response.status} in the recording, ${replayed.response.status} from the mock`,
        );
      }
      problems.push(...shapeDifferences(recording.response.body, replayed.response.body).map((d) => `shape: ${d}`));
      problems.push(...valueDifferences(recording.response.body, replayed.response.body).map((d) => `value: ${d}`));
    }
    results.push({
      file,
      scenario: recording.scenario,
      operation: recording.operation,
      checked: 'contract+replay',
      problems,
    });
  }
  return results;
}

/** The results as lines for a terminal: one per recording, its problems below it. */
export function formatDrift(results: readonly DriftResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.problems.length === 0 ? 'ok   ' : 'DRIFT'} ${r.scenario} (${r.checked}) ${r.file}`);
    for (const problem of r.problems) lines.push(`        ${problem}`);
  }
  const drifted = results.filter((r) => r.problems.length > 0).length;
  lines.push('', `${results.length} recordings checked, ${drifted} drifted`);
  return `${lines.join('\n')}\n`;
}
