/**
 * The verdict report of a scripted client session (valid, invalid and warned requests to both APIs
 * in two namespaces): its JSON against the report's own contract, its JUnit XML against a JUnit
 * schema, its Markdown, what it says the client never received, and injected failures survived.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validateXML } from 'xmllint-wasm';

import { renderJunit } from '../../mock-server/report/render';
import { kindOf } from '../../mock-server/report/verdicts';
import { buildTestApp } from '../helpers/app';
import { http } from '../helpers/client';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY } from '../helpers/world';

const JUNIT_XSD = readFileSync(join(__dirname, 'junit.xsd'), 'utf8');
type App = ReturnType<typeof buildTestApp>;

const daily = (app: App, prefix: string, body: unknown, key = API_KEY) =>
  http(app)
    .post(`${prefix}/v1/rooms/${ROOM}/update-permissions`)
    .set({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' })
    .send(JSON.stringify(body));
const sonoran = (app: App, prefix: string, body: unknown) =>
  http(app)
    .post(`${prefix}/api/servers/${COMMUNITY}/members/permissions`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));

/** The session: three Daily requests and two Sonoran ones in default, a valid and an invalid Daily one in team-b, a stray path. */
async function session(app: App): Promise<void> {
  await daily(app, '', { data: { [GUEST]: { canSend: ['audio'] } } }); // valid
  await daily(app, '', { data: { [GUEST]: { canSend: ['vidoe'] } } }); // broken enum
  await daily(app, '', { data: { 'u-guest': { hasPresence: false } } }); // a userId as key: a warning
  await sonoran(app, '', { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 34 }] }); // valid
  await sonoran(app, '', { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 4096 }] }); // out of range
  await daily(app, '/ns/team-b', { data: {} }); // valid
  await daily(app, '/ns/team-b', { data: { [GUEST]: { canSend: 'all' } } }); // wrong type
  await http(app).get('/v1/rooms-typo');
}

it('counts requests, violations by kind, warnings and the answers each operation received, per namespace', async () => {
  const app = buildTestApp();
  await session(app);
  const res = await http(app).get('/__admin/report');
  expect(res).toMatchContract('admin.getReport');
  const report = res.body;
  expect(report.verdict).toBe('violations');
  expect(report.totals).toEqual({ requests: 8, violations: 4, warnings: 1 });
  expect(report.namespaces.map((ns: { name: string }) => ns.name)).toEqual(['default', 'team-b']);

  const [main, teamB] = report.namespaces;
  const update = main.operations.find((op: { operation: string }) => op.operation === 'daily.updatePermissions');
  expect(update.requests).toBe(3);
  expect(update.violations.requests).toBe(1);
  expect(update.violations.kinds[0].examples[0]).toContain('data.p-guest.canSend[0] must be one of');
  expect(update.warnings.requests).toBe(1);
  expect(update.warnings.kinds[0].kind).toContain('is the userId of participant');
  expect(update.responses.map((r: { status: number; count: number }) => [r.status, r.count])).toEqual([
    [200, 2],
    [400, 1],
  ]);
  expect(update.neverSeen.map((r: { status: number }) => r.status)).toEqual([401, 403, 404, 429, 500]);

  const set = main.operations.find((op: { operation: string }) => op.operation === 'sonoran.setMemberPermissions');
  expect(set).toMatchObject({ requests: 2, violations: { requests: 1 } });
  const stray = main.operations.find((op: { operation: string }) => op.operation === 'daily.unknown');
  expect(stray).toMatchObject({ requests: 1, path: '/v1/rooms-typo', responses: [{ status: 404, documented: false }] });
  expect(teamB.operations).toHaveLength(1);
  expect(teamB.operations[0]).toMatchObject({ requests: 2, violations: { requests: 1 } });
});

it('writes JUnit XML that a JUnit schema accepts: one test case per operation, a failure per kind', async () => {
  const app = buildTestApp();
  await session(app);
  const res = await http(app).get('/__admin/report.xml');
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  const xml = res.text;
  const checked = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'junit.xsd', contents: JUNIT_XSD },
  });
  expect(checked.errors).toEqual([]);
  expect(checked.valid).toBe(true);
  expect(xml.match(/<testcase /g)).toHaveLength(4); // default: update, set, unknown path; team-b: update
  expect(xml.match(/<failure type="contract"/g)).toHaveLength(4); // default: enum, range, unknown path; team-b: type
  expect(xml).toContain('<testsuite name="perm-mock team-b daily" tests="1" failures="1"');
  expect(xml).toContain('never received: 401 (The API key is not valid)');
});

it('adds a failure per kind of warning with --fail-on warnings, and escapes what it quotes', async () => {
  const app = buildTestApp({ failOn: 'warnings' });
  await daily(app, '', { data: { 'u-guest': { hasPresence: false } } });
  const xml = renderJunit(app.mock.report(), 'warnings');
  expect(xml.match(/<failure type="warning"/g)).toHaveLength(1);
  expect(xml).toContain('&quot;');
  const checked = await validateXML({ xml, schema: JUNIT_XSD });
  expect(checked.valid).toBe(true);
});

it('shows the verdicts as Markdown too', async () => {
  const app = buildTestApp();
  await session(app);
  const res = await http(app).get('/__admin/report.md');
  expect(res.headers['content-type']).toMatch(/^text\/markdown/);
  expect(res.text).toContain('8 requests; 4 broke their contract; 1 earned a warning. Verdict: **violations**.');
  expect(res.text).toContain('| `daily.updatePermissions` | 3 |');
});

it('tells whether the client recovered after each injected failure', async () => {
  const app = buildTestApp();
  await http(app).post('/__admin/faults').send({ api: 'daily', status: 500 });
  await daily(app, '', { data: {} }); // answered 500 by the fault
  await daily(app, '', { data: { [GUEST]: { canSend: true } } }); // then a good request: survived
  await http(app).post('/__admin/faults').send({ api: 'daily', status: 429, retryAfter: 1 });
  await daily(app, '', { data: {} }); // 429
  await daily(app, '', { nonsense: true }); // then a broken one: failed
  const op = app.mock.report().namespaces[0]?.operations.find((o) => o.operation === 'daily.updatePermissions');
  expect(op?.injected).toEqual([
    { status: 429, injected: 1, survived: 0, failed: 1 },
    { status: 500, injected: 1, survived: 1, failed: 0 },
  ]);
});

it('groups violations and warnings that differ only in ids, keys and values into one kind', () => {
  expect(kindOf('userPerms[3].perm must be <= 1023 (got 4096)')).toBe('userPerms[N].perm must be <= 1023');
  expect(kindOf('data.p-1.canSend[0] must be one of "video", "audio" (got "vidoe")')).toBe(
    kindOf('data.p-2.canSend[1] must be one of "video", "audio" (got "x")'),
  );
  expect(kindOf('data.p-1.canReceive.byUserId["odd key"] must be a boolean')).toBe(
    'data.<key>.canReceive.byUserId.<key> must be a boolean',
  );
  expect(kindOf('participant "a" is not in the call in room x; its update was ignored', 'warning')).toBe(
    kindOf('participant "b" is not in the call in room y; its update was ignored', 'warning'),
  );
});

it('arms every documented failure of an operation in turn, and reports which the client survived', async () => {
  const app = buildTestApp();
  const armed = await http(app).post('/__admin/faults/coverage').send({ operation: 'daily.updatePermissions' });
  expect(armed).toMatchContract('admin.armCoverage');
  expect(armed.body.faults.map((f: { status: number }) => f.status)).toEqual([400, 401, 403, 404, 429, 500]);
  // A client that sends a well-formed request again after each failure: each meets the next one.
  for (const fault of armed.body.faults as { status: number }[]) {
    expect((await daily(app, '', { data: { [GUEST]: { canSend: true } } })).status).toBe(fault.status);
  }
  expect((await daily(app, '', { data: { [GUEST]: { canSend: true } } })).status).toBe(200);
  const op = app.mock.report().namespaces[0]?.operations[0];
  expect(op?.injected.map((i) => [i.status, i.survived])).toEqual([
    [400, 1],
    [401, 1],
    [403, 1],
    [404, 1],
    [429, 1],
    [500, 1],
  ]);
  expect(op?.neverSeen).toEqual([]);
});
