/**
 * Recorded and documented answers of the real APIs: each meets its contract, and the mock answers
 * the same scenario with the same status and the same body shape.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkDrift, valueDifferences } from '../../contracts/scenarios/drift';
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
import { runCli } from '../helpers/process';
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

describe.each(recordings.map((r) => [r.recording.scenario, r] as const))('%s', (_name, entry) => {
  it("meets its contract and matches the mock's answer to the same scenario (status, shape, decided values)", async () => {
    const [result] = await checkDrift([entry], target);
    expect(result?.checked).toBe('contract+replay');
    expect(result?.problems).toEqual([]);
  });
});

describe('drift', () => {
  it('finds a planted difference in status, shape and a decided value, ignoring free text', async () => {
    const [first] = recordings.filter((r) => r.recording.scenario === 'daily.wrong-key');
    if (first === undefined) throw new Error('missing recording');
    const planted = {
      ...first,
      recording: {
        ...first.recording,
        response: {
          ...first.recording.response,
          status: 400,
          body: { error: 'authorization-header-error', info: 'x' },
        },
      },
    };
    const [result] = await checkDrift([planted], target);
    expect(result?.problems).toEqual([
      'status: 400 in the recording, 401 from the mock',
      "shape: body.info: in the recording, missing from the mock's answer",
      'value: body.error: "authorization-header-error" in the recording, "authentication-error" from the mock',
    ]);
    expect(valueDifferences({ error: 'a', info: 'one text' }, { error: 'a', info: 'another' })).toEqual([]);
  });

  it('checks a recording of no known scenario (a proxy recording) against its contract only', async () => {
    const [first] = recordings;
    if (first === undefined) throw new Error('missing recording');
    const stray = { ...first, recording: { ...first.recording, scenario: 'proxy.daily.updatePermissions.1' } };
    const [result] = await checkDrift([stray], target);
    expect(result).toMatchObject({ checked: 'contract', problems: [] });
  });

  it('runs as a command: 0 on the committed recordings, 1 with the planted difference, 2 without recordings', async () => {
    const committed = runCli(['drift', join(__dirname, '..', '..', 'fixtures', 'recordings')]);
    expect(await committed.exited).toBe(0);
    expect(committed.stdout()).toContain(`${recordings.length} recordings checked, 0 drifted`);

    const dir = mkdtempSync(join(tmpdir(), 'perm-mock-drift-'));
    const [first] = recordings.filter((r) => r.recording.scenario === 'sonoran.wrong-key');
    if (first === undefined) throw new Error('missing recording');
    writeRecording(dir, { ...first.recording, response: { ...first.recording.response, status: 403 } });
    const drifted = runCli(['drift', dir]);
    expect(await drifted.exited).toBe(1);
    expect(drifted.stdout()).toContain('DRIFT sonoran.wrong-key (contract+replay)');
    expect(drifted.stdout()).toContain('contract: status 403 is not a documented answer');

    const none = runCli(['drift', mkdtempSync(join(tmpdir(), 'perm-mock-drift-empty-'))]);
    expect(await none.exited).toBe(2);
    expect(none.stderr()).toContain('no recordings in');
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
