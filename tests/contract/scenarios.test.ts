/**
 * The contract suite against the mock: every scenario runs and passes, and the runner reports
 * skips and failures honestly. The same suite runs against the real APIs with npm run contract:live.
 */
import { OPERATIONS } from '../../contracts/operations';
import { main as contractLive } from '../../contracts/scenarios/live';
import { runScenario, runScenarios, SCENARIOS, summarize } from '../../contracts/scenarios/run';
import { liveTarget, mockTarget } from '../../contracts/scenarios/targets';
import type { Target } from '../../contracts/scenarios/types';
import { startServer, type RunningMock } from '../../mock-server/server';
import { TEST_WORLD } from '../helpers/world';

let mock: RunningMock;
let target: Target;

beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD });
  target = await mockTarget(mock.url, 'mock');
});
afterAll(() => mock.close());
afterEach(async () => void (await mock.reset()));

describe('the contract suite against the mock', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s passes', async (_id, scenario) => {
    const before = JSON.stringify(await mock.state());
    const result = await runScenario(scenario, target);
    expect(result.problems).toEqual([]);
    expect(result.outcome).toBe('pass');
    expect(JSON.stringify(await mock.state())).toBe(before);
  });

  it('also passes against the generated default world', async () => {
    const other = await startServer({ port: 0, seed: 5 });
    try {
      const results = await runScenarios(await mockTarget(other.url));
      expect(summarize(results)).toEqual({ pass: SCENARIOS.length, fail: 0, skip: 0 });
    } finally {
      await other.close();
    }
  });

  it('re-applies the exact current permissions it read from the mock', () => {
    expect(target.daily?.permissions).toEqual(
      TEST_WORLD.daily.rooms[0]?.participants.find((p) => p.id === target.daily?.participantId)?.permissions,
    );
    expect(target.sonoran?.perm).toBe(1023);
  });
});

describe('the scenarios', () => {
  it('cover every Daily and Sonoran Radio operation of the table at least once', () => {
    const covered = new Set(SCENARIOS.map((s) => s.operation));
    const uncovered = [...OPERATIONS.values()].filter((op) => op.api !== 'admin' && !covered.has(op.id));
    expect(uncovered.map((op) => op.id)).toEqual([]);
  });

  it('each name an operation of their own API, under an id of their own', () => {
    for (const scenario of SCENARIOS) {
      expect([scenario.id, OPERATIONS.get(scenario.operation)?.api]).toEqual([scenario.id, scenario.api]);
      expect(scenario.id.startsWith(`${scenario.api}.`)).toBe(true);
    }
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it('each expect a status the contract of their operation documents', () => {
    for (const scenario of SCENARIOS) {
      const op = OPERATIONS.get(scenario.operation);
      expect([scenario.id, op?.responses[scenario.expectStatus] !== undefined]).toEqual([scenario.id, true]);
    }
  });
});

describe('the runner', () => {
  it('fails a scenario whose answer breaks the contract or the expectation', async () => {
    const scenario = SCENARIOS.find((s) => s.id === 'sonoran.wrong-key');
    if (scenario === undefined) throw new Error('missing scenario');
    const wrong: Target = {
      ...target,
      sonoran: { ...(target.sonoran as NonNullable<Target['sonoran']>), baseUrl: `${mock.url}/v1` },
    };
    const result = await runScenario(scenario, wrong);
    expect(result.outcome).toBe('fail');
    expect(result.response?.status).toBe(404);
    expect(result.problems).toEqual(
      expect.arrayContaining(['contract: result is required', expect.stringMatching(/^body must be \{"result":"bad"/)]),
    );
    expect(result.problems.some((p) => p.startsWith('contract: '))).toBe(true);
  });

  it('fails, without throwing, when nothing answers', async () => {
    const unreachable: Target = {
      label: 'nowhere',
      daily: { ...(target.daily as NonNullable<Target['daily']>), baseUrl: 'http://127.0.0.1:9/v1' },
      missing: {},
    };
    const scenario = SCENARIOS.find((s) => s.api === 'daily');
    if (scenario === undefined) throw new Error('missing scenario');
    const result = await runScenario(scenario, unreachable, { timeoutMs: 2000 });
    expect(result.outcome).toBe('fail');
    expect(result.problems[0]).toMatch(/^no answer from http:\/\/127\.0\.0\.1:9/);
  });

  it('skips every scenario, naming the variables, when no credentials are set', async () => {
    const results = await runScenarios(liveTarget({}));
    expect(summarize(results)).toEqual({ pass: 0, fail: 0, skip: SCENARIOS.length });
    const daily = results.find((r) => r.scenario.api === 'daily');
    expect(daily?.problems[0]).toContain(
      'PERM_MOCK_LIVE_DAILY_API_KEY, PERM_MOCK_LIVE_DAILY_ROOM, PERM_MOCK_LIVE_DAILY_PARTICIPANT',
    );
    const sonoran = results.find((r) => r.scenario.api === 'sonoran');
    expect(sonoran?.problems[0]).toContain(
      'PERM_MOCK_LIVE_SONORAN_COMMUNITY, PERM_MOCK_LIVE_SONORAN_API_KEY, PERM_MOCK_LIVE_SONORAN_ACC_ID',
    );
  });

  it('names only the variables that are missing', () => {
    const t = liveTarget({ PERM_MOCK_LIVE_DAILY_API_KEY: 'k', PERM_MOCK_LIVE_DAILY_ROOM: 'r' });
    expect(t.missing.daily).toBe(
      'set PERM_MOCK_LIVE_DAILY_PARTICIPANT (an API key, and a room with a live participant and its session id) to run it against the real API',
    );
  });

  it('skips the Sonoran re-apply when the current mask is unknown, rather than guessing it', async () => {
    const t = liveTarget({
      PERM_MOCK_LIVE_SONORAN_COMMUNITY: 'c',
      PERM_MOCK_LIVE_SONORAN_API_KEY: 'k',
      PERM_MOCK_LIVE_SONORAN_ACC_ID: 'a',
    });
    const scenario = SCENARIOS.find((s) => s.id === 'sonoran.reapply-current');
    if (scenario === undefined) throw new Error('missing scenario');
    const result = await runScenario(scenario, t);
    expect(result.outcome).toBe('skip');
    expect(result.problems[0]).toContain('PERM_MOCK_LIVE_SONORAN_PERM');
  });

  it('refuses malformed optional variables', () => {
    const base = {
      PERM_MOCK_LIVE_SONORAN_COMMUNITY: 'c',
      PERM_MOCK_LIVE_SONORAN_API_KEY: 'k',
      PERM_MOCK_LIVE_SONORAN_ACC_ID: 'a',
    };
    expect(() => liveTarget({ ...base, PERM_MOCK_LIVE_SONORAN_PERM: '2048' })).toThrow(
      /PERM_MOCK_LIVE_SONORAN_PERM must be/,
    );
  });
});

describe('npm run contract:live', () => {
  function capture(): { text: () => string; restore: () => void } {
    let out = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    return { text: () => out, restore: () => spy.mockRestore() };
  }

  it('without credentials: names the variables, reports every scenario skipped, no pass, exit 0', async () => {
    const out = capture();
    let code: number;
    try {
      code = await contractLive([], {});
    } finally {
      out.restore();
    }
    expect(code).toBe(0);
    expect(out.text()).toContain(`0 passed, 0 failed, ${SCENARIOS.length} skipped`);
    expect(out.text()).toContain('PERM_MOCK_LIVE_DAILY_API_KEY');
    expect(out.text()).toContain('PERM_MOCK_LIVE_SONORAN_ACC_ID');
    expect(out.text()).not.toMatch(/^\s*PASS /m);
  });

  it('runs the suite against a running perm-mock with --against', async () => {
    const out = capture();
    let code: number;
    try {
      code = await contractLive(['--against', mock.url, '--api', 'sonoran'], {});
    } finally {
      out.restore();
    }
    expect(code).toBe(0);
    const sonoran = SCENARIOS.filter((s) => s.api === 'sonoran').length;
    expect(out.text()).toContain(`${sonoran} passed, 0 failed, 0 skipped`);
  });
});
