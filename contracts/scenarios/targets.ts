/** Targets: the real APIs (from environment variables) or a running perm-mock (from its control API). */
import type { Target } from './types';

type Env = Readonly<Record<string, string | undefined>>;

export const LIVE_VARIABLES = {
  daily: {
    required: ['PERM_MOCK_LIVE_DAILY_API_KEY', 'PERM_MOCK_LIVE_DAILY_ROOM', 'PERM_MOCK_LIVE_DAILY_PARTICIPANT'],
    optional: ['PERM_MOCK_LIVE_DAILY_PERMISSIONS', 'PERM_MOCK_LIVE_DAILY_BASE_URL'],
  },
  sonoran: {
    required: ['PERM_MOCK_LIVE_SONORAN_COMMUNITY', 'PERM_MOCK_LIVE_SONORAN_API_KEY', 'PERM_MOCK_LIVE_SONORAN_ACC_ID'],
    optional: ['PERM_MOCK_LIVE_SONORAN_PERM', 'PERM_MOCK_LIVE_SONORAN_BASE_URL'],
  },
} as const;

export const DAILY_BASE_URL = 'https://api.daily.co/v1';
export const SONORAN_BASE_URL = 'https://api.sonoranradio.com';

function missingOf(env: Env, names: readonly string[]): string[] {
  return names.filter((name) => (env[name] ?? '').trim() === '');
}

function need(names: string[], what: string): string {
  return `set ${names.join(', ')} (${what}) to run it against the real API`;
}

/** The real APIs, as far as the environment describes them. Throws on a malformed optional value. */
export function liveTarget(env: Env): Target {
  const missing: { daily?: string; sonoran?: string } = {};
  let daily: Target['daily'];
  let sonoran: Target['sonoran'];

  const dailyMissing = missingOf(env, LIVE_VARIABLES.daily.required);
  if (dailyMissing.length > 0) {
    missing.daily = need(dailyMissing, 'an API key, and a room with a live participant and its session id');
  } else {
    const raw = env.PERM_MOCK_LIVE_DAILY_PERMISSIONS;
    let permissions: Record<string, unknown> | undefined;
    if (raw !== undefined && raw.trim() !== '') {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('PERM_MOCK_LIVE_DAILY_PERMISSIONS must be a JSON object such as {"canSend":true}');
      }
      permissions = parsed as Record<string, unknown>;
    }
    daily = {
      baseUrl: (env.PERM_MOCK_LIVE_DAILY_BASE_URL ?? DAILY_BASE_URL).replace(/\/$/, ''),
      apiKey: env.PERM_MOCK_LIVE_DAILY_API_KEY ?? '',
      room: env.PERM_MOCK_LIVE_DAILY_ROOM ?? '',
      participantId: env.PERM_MOCK_LIVE_DAILY_PARTICIPANT ?? '',
      ...(permissions !== undefined && { permissions }),
    };
  }

  const sonoranMissing = missingOf(env, LIVE_VARIABLES.sonoran.required);
  if (sonoranMissing.length > 0) {
    missing.sonoran = need(sonoranMissing, "a community id, its API key and a member's account id");
  } else {
    const rawPerm = env.PERM_MOCK_LIVE_SONORAN_PERM;
    let perm: number | undefined;
    if (rawPerm !== undefined && rawPerm.trim() !== '') {
      perm = Number(rawPerm);
      if (!Number.isInteger(perm) || perm < 0 || perm > 1023) {
        throw new Error(
          `PERM_MOCK_LIVE_SONORAN_PERM must be the member's mask, a whole number from 0 to 1023 (got "${rawPerm}")`,
        );
      }
    }
    sonoran = {
      baseUrl: (env.PERM_MOCK_LIVE_SONORAN_BASE_URL ?? SONORAN_BASE_URL).replace(/\/$/, ''),
      communityId: env.PERM_MOCK_LIVE_SONORAN_COMMUNITY ?? '',
      apiKey: env.PERM_MOCK_LIVE_SONORAN_API_KEY ?? '',
      accId: env.PERM_MOCK_LIVE_SONORAN_ACC_ID ?? '',
      ...(perm !== undefined && { perm }),
    };
  }
  return { label: 'live', ...(daily !== undefined && { daily }), ...(sonoran !== undefined && { sonoran }), missing };
}

interface StateView {
  daily: {
    apiKeys: string[];
    rooms: { name: string; participants: { id: string; owner: boolean; permissions: Record<string, unknown> }[] }[];
  };
  sonoran: { communities: { id: string; apiKey: string; members: { accId: string; permission: number }[] }[] };
}

/**
 * A running perm-mock as a target: it reads the mock's state through the control API and picks a
 * room with a live participant and a community with a member.
 */
export async function mockTarget(url: string, label = url): Promise<Target> {
  const base = url.replace(/\/$/, '');
  const res = await fetch(`${base}/__admin/state`);
  if (!res.ok) throw new Error(`GET ${base}/__admin/state answered ${res.status}: is ${base} a perm-mock?`);
  const state = (await res.json()) as StateView;
  const missing: { daily?: string; sonoran?: string } = {};

  const room = state.daily.rooms.find((r) => r.participants.length > 0);
  const participant = room?.participants.find((p) => !p.owner) ?? room?.participants[0];
  const apiKey = state.daily.apiKeys[0];
  let daily: Target['daily'];
  if (room === undefined || participant === undefined || apiKey === undefined) {
    missing.daily = 'the mock has no Daily API key or no room with a participant';
  } else {
    daily = {
      baseUrl: `${base}/v1`,
      apiKey,
      room: room.name,
      participantId: participant.id,
      permissions: participant.permissions,
    };
  }

  const community = state.sonoran.communities.find((c) => c.members.length > 0);
  const member = community?.members[0];
  let sonoran: Target['sonoran'];
  if (community === undefined || member === undefined) {
    missing.sonoran = 'the mock has no community with a member';
  } else {
    sonoran = {
      baseUrl: base,
      communityId: community.id,
      apiKey: community.apiKey,
      accId: member.accId,
      perm: member.permission,
    };
  }
  return { label, ...(daily !== undefined && { daily }), ...(sonoran !== undefined && { sonoran }), missing };
}
