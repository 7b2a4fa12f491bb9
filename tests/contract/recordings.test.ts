/**
 * Recorded and documented answers of the real APIs: each meets its contract, and the mock answers
 * the same scenario with the same status and the same body shape.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkResponse } from '../../contracts/exchange';
import {
  loadRecordings,
  shapeDifferences,
  shapeOf,
  toRecording,
  writeRecording,
} from '../../contracts/scenarios/recordings';
import { runScenario, SCENARIOS } from '../../contracts/scenarios/run';
import { mockTarget } from '../../contracts/scenarios/targets';
import type { Target } from '../../contracts/scenarios/types';
import { startServer, type RunningMock } from '../../mock-server/server';
import { COMMUNITY, OFFICER_ACC, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

const recordings = loadRecordings(join(__dirname, '..', '..', 'fixtures', 'recordings'));

let mock: RunningMock;
let target: Target;
beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD });
  target = await mockTarget(mock.url);
});
afterAll(() => mock.close());

it('has recordings for both APIs, each marked with where it comes from', () => {
  expect(recordings.length).toBeGreaterThanOrEqual(5);
  expect(new Set(recordings.map((r) => r.recording.scenario.split('.')[0]))).toEqual(new Set(['daily', 'sonoran']));
  for (const { recording } of recordings)
    expect(['recording', 'documented-example', 'observed']).toContain(recording.provenance.kind);
});

describe.each(recordings.map((r) => [r.recording.scenario, r.recording] as const))('%s', (_name, recording) => {
  it('meets its contract', () => {
    const violations = checkResponse(recording.operation, {
      status: recording.response.status,
      contentType: recording.response.headers['content-type'] ?? null,
      body: recording.response.body,
    });
    expect(violations.map((v) => v.text)).toEqual([]);
  });

  it("matches the mock's answer to the same scenario in status and body shape", async () => {
    const scenario = SCENARIOS.find((s) => s.id === recording.scenario);
    if (scenario === undefined) throw new Error(`no scenario ${recording.scenario}`);
    const result = await runScenario(scenario, target);
    expect(result.response?.status).toBe(recording.response.status);
    expect(shapeDifferences(recording.response.body, result.response?.body)).toEqual([]);
  });
});

describe('shape comparison', () => {
  it('ignores values and compares types and keys', () => {
    expect(shapeOf({ error: 'x', info: 'y', n: [1, 2] })).toEqual({ error: 'string', info: 'string', n: ['number'] });
    expect(shapeDifferences({ error: 'a', info: 'b' }, { error: 'c', info: 'd' })).toEqual([]);
  });

  it('reports a missing field, an extra field and a changed type', () => {
    expect(shapeDifferences({ error: 'a', info: 'b' }, { error: 'a' })).toEqual([
      "body.info: in the recording, missing from the mock's answer",
    ]);
    expect(shapeDifferences({ error: 'a' }, { error: 'a', info: 'b' })).toEqual([
      "body.info: in the mock's answer, not in the recording",
    ]);
    expect(shapeDifferences({ result: 'ok' }, { result: 1 })).toEqual([
      'body.result: "string" in the recording, "number" in the mock\'s answer',
    ]);
  });
});

describe('recording', () => {
  it('writes an answer with its provenance, keys and ids replaced by placeholders, and reads it back', async () => {
    const scenario = SCENARIOS.find((s) => s.id === 'sonoran.reapply-current');
    if (scenario === undefined) throw new Error('missing scenario');
    const sonoran = { ...(target.sonoran as NonNullable<Target['sonoran']>), accId: OFFICER_ACC, perm: 0 };
    const result = await runScenario(scenario, { ...target, sonoran });
    const recording = toRecording(
      result,
      { ...target, sonoran },
      new Date('2026-02-03T04:05:06.000Z'),
      'perm-mock test',
    );
    if (recording === undefined) throw new Error('nothing recorded');
    const text = JSON.stringify(recording);
    for (const secret of [SONORAN_KEY, OFFICER_ACC, COMMUNITY]) expect(text).not.toContain(secret);
    expect(recording).toMatchObject({
      scenario: 'sonoran.reapply-current',
      provenance: {
        kind: 'recording',
        source: mock.url,
        recordedAt: '2026-02-03T04:05:06.000Z',
        tool: 'perm-mock test',
      },
      request: {
        path: '/api/servers/<community>/members/permissions',
        body: '{"apiKey":"<api-key>","userPerms":[{"accId":"<acc-id>","perm":0}]}',
      },
      response: { status: 200, body: { result: 'ok' } },
    });
    const dir = mkdtempSync(join(tmpdir(), 'perm-mock-recordings-'));
    expect(writeRecording(dir, recording)).toBe(join(dir, 'sonoran-radio', 'reapply-current.json'));
    expect(loadRecordings(dir)).toEqual([{ file: join(dir, 'sonoran-radio', 'reapply-current.json'), recording }]);
  });
});
