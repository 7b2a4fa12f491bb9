/**
 * A bounded load run over 127.0.0.1: concurrent clients update the same rooms and members; then the
 * journal's order (the order the mock applied them) is replayed through the reference model, which
 * must predict every answer and the final state.
 */
import { Agent, request } from 'node:http';

import { seededRandom } from '../../mock-server/faults';
import { startServer } from '../../mock-server/server';
import { DailyModel, SonoranModel } from '../property/model';
import {
  API_KEY,
  COMMAND_CHANNEL,
  COMMUNITY,
  GUEST,
  OBSERVER,
  OWNER,
  ROOM,
  SONORAN_KEY,
  TACTICAL_CHANNEL,
  TEST_WORLD,
} from '../helpers/world';

export interface LoadOptions {
  readonly clients: number;
  readonly requestsPerClient: number;
  readonly seed?: number;
}

export interface LoadReport {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly statuses: Record<number, number>;
  readonly serverErrors: number;
  readonly dropped: number;
  readonly mismatches: string[];
}

const SEND = ['video', 'audio', 'screenVideo', 'screenAudio'];
const ACCOUNTS = ['acc-admin', 'acc-supervisor', 'acc-officer', 'acc-pending', 'acc-banned'];

function nextRequest(rand: () => number): { path: string; headers: Record<string, string>; body: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  if (rand() < 0.5) {
    const key = pick([OWNER, GUEST, OBSERVER, '*']);
    const update =
      rand() < 0.5
        ? { canSend: SEND.filter(() => rand() < 0.5) }
        : { hasPresence: rand() < 0.5, canAdmin: rand() < 0.3 };
    return {
      path: `/v1/rooms/${ROOM}/update-permissions`,
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { [key]: update } }),
    };
  }
  const entry = {
    accId: pick(ACCOUNTS),
    perm: Math.floor(rand() * 1024),
    profilePerms: [{ profileId: pick([COMMAND_CHANNEL, TACTICAL_CHANNEL]), canJoin: rand() < 0.5 }],
  };
  return {
    path: `/api/servers/${COMMUNITY}/members/permissions`,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [entry] }),
  };
}

function send(
  agent: Agent,
  port: number,
  req: { path: string; headers: Record<string, string>; body: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: req.path,
        agent,
        headers: { ...req.headers, 'Content-Length': Buffer.byteLength(req.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export async function runLoad({ clients, requestsPerClient, seed = 7 }: LoadOptions): Promise<LoadReport> {
  const total = clients * requestsPerClient;
  const mock = await startServer({ port: 0, world: TEST_WORLD, journalLimit: total });
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const statuses: Record<number, number> = {};
  let dropped = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const rand = seededRandom(seed * 1000 + c);
        for (let i = 0; i < requestsPerClient; i += 1) {
          try {
            const status = await send(agent, mock.port, nextRequest(rand));
            statuses[status] = (statuses[status] ?? 0) + 1;
          } catch {
            dropped += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Replay in the order the mock applied the requests (journal ids are sequential).
    const room = TEST_WORLD.daily.rooms.find((r) => r.name === ROOM);
    const community = TEST_WORLD.sonoran.communities.find((c) => c.id === COMMUNITY);
    if (room === undefined || community === undefined) throw new Error('test world changed');
    const daily = DailyModel.fromRoom(room);
    const sonoran = SonoranModel.fromCommunity(community);
    const mismatches: string[] = [];
    const entries = await mock.requests();
    if (entries.length !== total - dropped)
      mismatches.push(`journal holds ${entries.length} entries for ${total - dropped} answers`);
    for (const entry of entries) {
      const body = entry.request.body as { data?: never; userPerms?: never };
      const expected = entry.api === 'daily' ? daily.apply(body.data ?? {}) : sonoran.apply(body.userPerms ?? []);
      if (expected !== entry.status)
        mismatches.push(`request ${entry.id}: model says ${expected}, mock answered ${entry.status}`);
    }
    const state = await mock.state();
    const finalRoom = state.daily.rooms
      .find((r) => r.name === ROOM)
      ?.participants.map((p) => ({ id: p.id, permissions: p.permissions }));
    if (JSON.stringify(finalRoom) !== JSON.stringify(daily.view()))
      mismatches.push('final Daily room differs from the model');
    const finalMembers = state.sonoran.communities
      .find((c) => c.id === COMMUNITY)
      ?.members.map((m) => ({ accId: m.accId, permission: m.permission, profilePerms: m.profilePerms }));
    if (JSON.stringify(finalMembers) !== JSON.stringify(sonoran.view()))
      mismatches.push('final Sonoran community differs from the model');

    const serverErrors = Object.entries(statuses).reduce(
      (n, [status, count]) => (Number(status) >= 500 ? n + count : n),
      0,
    );
    return {
      requests: total,
      seconds,
      perSecond: Math.round(total / seconds),
      statuses,
      serverErrors,
      dropped,
      mismatches,
    };
  } finally {
    agent.destroy();
    await mock.close();
  }
}
