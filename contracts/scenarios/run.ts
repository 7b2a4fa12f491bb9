/** Run scenarios against a target with fetch, check each answer against its contract, and report. */
import { checkResponse, mediaType } from '../exchange';
import { DAILY_SCENARIOS } from './daily';
import { SONORAN_SCENARIOS } from './sonoran-radio';
import type { Scenario, ScenarioRequest, Target } from './types';

export const SCENARIOS: readonly Scenario[] = [...DAILY_SCENARIOS, ...SONORAN_SCENARIOS];

/** What came back, as a recording keeps it. */
export interface ObservedResponse {
  readonly status: number;
  /** The headers that matter to a client: content type, rate limiting. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the answer is JSON, else the text. */
  readonly body: unknown;
}

export type Outcome = 'pass' | 'fail' | 'skip';

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly outcome: Outcome;
  /** Why it failed (status, contract violations, body expectations) or why it was skipped. */
  readonly problems: readonly string[];
  readonly request?: ScenarioRequest;
  readonly response?: ObservedResponse;
  readonly ms?: number;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const KEPT_HEADERS = /^(content-type|retry-after|x-ratelimit-.*|ratelimit-.*)$/i;

async function observe(response: Response): Promise<ObservedResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (KEPT_HEADERS.test(name)) headers[name.toLowerCase()] = value;
  });
  const text = await response.text();
  let body: unknown = text;
  const type = mediaType(headers['content-type']);
  if (type !== null && (type === 'application/json' || type.endsWith('+json'))) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers, body };
}

function prepare(scenario: Scenario, target: Target): { request: ScenarioRequest } | { skip: string } {
  if (scenario.api === 'daily') {
    if (target.daily === undefined) return { skip: target.missing.daily ?? 'no Daily target' };
    const reason = scenario.cannotRun?.(target.daily);
    return reason === undefined ? { request: scenario.build(target.daily) } : { skip: reason };
  }
  if (target.sonoran === undefined) return { skip: target.missing.sonoran ?? 'no Sonoran Radio target' };
  const reason = scenario.cannotRun?.(target.sonoran);
  return reason === undefined ? { request: scenario.build(target.sonoran) } : { skip: reason };
}

export async function runScenario(
  scenario: Scenario,
  target: Target,
  options: RunOptions = {},
): Promise<ScenarioResult> {
  const prepared = prepare(scenario, target);
  if ('skip' in prepared) return { scenario, outcome: 'skip', problems: [prepared.skip] };
  const { request } = prepared;
  const started = Date.now();
  let response: ObservedResponse;
  try {
    const answer = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && { body: request.body }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    response = await observe(answer);
  } catch (error) {
    return {
      scenario,
      outcome: 'fail',
      problems: [`no answer from ${request.url}: ${(error as Error).message}`],
      request,
    };
  }
  const problems: string[] = [];
  if (response.status !== scenario.expectStatus)
    problems.push(`status must be ${scenario.expectStatus} (got ${response.status})`);
  const violations = checkResponse(scenario.operation, {
    status: response.status,
    contentType: response.headers['content-type'] ?? null,
    body: response.body,
  });
  problems.push(...violations.map((v) => `contract: ${v.text}`));
  if (response.status === scenario.expectStatus) problems.push(...(scenario.expectBody?.(response.body) ?? []));
  return {
    scenario,
    outcome: problems.length === 0 ? 'pass' : 'fail',
    problems,
    request,
    response,
    ms: Date.now() - started,
  };
}

/** One after another, so a real API sees one request at a time. */
export async function runScenarios(
  target: Target,
  scenarios: readonly Scenario[] = SCENARIOS,
  options: RunOptions = {},
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runScenario(scenario, target, options));
  return results;
}

export function summarize(results: readonly ScenarioResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, skip: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}

/** A plain-text report: one line a scenario, the problems under it, then the counts. */
export function formatResults(target: Target, results: readonly ScenarioResult[]): string {
  const lines = [`contract scenarios against ${target.label}`];
  const shown = new Set<string>();
  for (const r of results) {
    const status = r.response === undefined ? '' : ` ${r.response.status}`;
    const ms = r.ms === undefined ? '' : ` (${r.ms} ms)`;
    lines.push(`  ${r.outcome.toUpperCase().padEnd(4)} ${r.scenario.id}: ${r.scenario.title}${status}${ms}`);
    for (const p of r.problems) {
      // A skip reason shared by a whole API (the missing variables) is printed once.
      if (r.outcome === 'skip' && shown.has(p)) continue;
      shown.add(p);
      lines.push(`         ${p}`);
    }
  }
  const c = summarize(results);
  lines.push(`${c.pass} passed, ${c.fail} failed, ${c.skip} skipped`);
  return lines.join('\n');
}
