/** What `perm-mock` prints at start: where it listens and everything a first request needs. */
import { describeMask } from './apis/sonoran-radio/semantics';
import { MAX_PERMISSION_MASK } from './apis/sonoran-radio/types';
import type { World } from './world';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface BannerInput {
  readonly url: string;
  readonly version: string;
  readonly world: World;
  readonly strict: boolean;
  readonly seed: number;
  /** The control API asks for a token (the banner never prints it). */
  readonly adminToken?: boolean;
  readonly stateFile?: string | undefined;
}

/** A ready-to-paste curl that succeeds against the world (null when the world has no live call). */
export function exampleDailyCurl(url: string, world: World): string | null {
  const key = world.daily.apiKeys[0];
  const room = world.daily.rooms.find((r) => r.participants.length > 0);
  const participant = room?.participants.find((p) => !p.owner) ?? room?.participants[0];
  if (key === undefined || room === undefined || participant === undefined) return null;
  const body = JSON.stringify({ data: { [participant.id]: { canSend: ['audio'] } } });
  return [
    `curl -sS -X POST ${url}/v1/rooms/${room.name}/update-permissions \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${key}`)} -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/** A ready-to-paste curl for Sonoran Radio that succeeds against the world (null without a member). */
export function exampleSonoranCurl(url: string, world: World): string | null {
  const community = world.sonoran.communities.find((c) => c.members.length > 0);
  const active = community?.members.filter((m) => m.approved && !m.banned) ?? [];
  const member = [...active].sort((a, b) => a.permission - b.permission)[0] ?? community?.members[0];
  if (community === undefined || member === undefined) return null;
  const privateChannel = community.channels.find((c) => c.private);
  const entry = {
    accId: member.accId,
    perm: 34,
    ...(privateChannel !== undefined && { profilePerms: [{ profileId: privateChannel.id, canJoin: true }] }),
  };
  const body = JSON.stringify({ apiKey: community.apiKey, userPerms: [entry] });
  return [
    `curl -sS -X POST ${url}/api/servers/${community.id}/members/permissions \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

export function renderBanner({
  url,
  version,
  world,
  strict,
  seed,
  adminToken = false,
  stateFile,
}: BannerInput): string {
  const lines: string[] = [];
  const admin = adminToken ? ` -H "Authorization: Bearer $PERM_MOCK_ADMIN_TOKEN"` : '';
  lines.push(`perm-mock ${version} listening on ${url}  (seed ${seed}, ${strict ? 'strict' : 'lenient'} mode)`);
  if (stateFile !== undefined) lines.push(`state file     ${stateFile}`);
  lines.push('');

  lines.push(`Daily          POST ${url}/v1/rooms/{name}/update-permissions`);
  lines.push(`  API key      ${world.daily.apiKeys.join(', ') || '(none: pass --daily-api-key)'}`);
  for (const room of world.daily.rooms) {
    const who =
      room.participants.length === 0
        ? 'no call in progress'
        : room.participants
            .map((p) => `${p.id}${p.owner ? ' (owner)' : ''}${p.permissions.hasPresence ? '' : ' (hidden)'}`)
            .join(', ');
    lines.push(`  room ${room.name}: ${who}`);
  }
  const curl = exampleDailyCurl(url, world);
  if (curl !== null) lines.push('  try:', ...curl.split('\n').map((l) => `    ${l}`));
  const first = world.daily.rooms[0];
  if (first !== undefined) lines.push(`    curl -sS${admin} ${url}/__admin/daily/rooms/${first.name}`);
  lines.push('');

  lines.push(`Sonoran Radio  POST ${url}/api/servers/{id}/members/permissions  (apiKey in the body)`);
  for (const community of world.sonoran.communities) {
    lines.push(`  community ${community.id}  apiKey ${community.apiKey}`);
    const channels = community.channels.map((c) => `${c.id} ${c.name}${c.private ? ' (private)' : ''}`).join(', ');
    lines.push(`    channels: ${channels || 'none'}`);
    for (const m of community.members) {
      const status = m.banned ? ', banned' : m.pending ? ', pending' : '';
      const perm = m.permission === MAX_PERMISSION_MASK ? `${m.permission} (every bit)` : describeMask(m.permission);
      lines.push(`    member ${m.accId}  ${m.username}: perm ${perm}${status}`);
    }
  }
  const sonoranCurl = exampleSonoranCurl(url, world);
  if (sonoranCurl !== null) lines.push('  try:', ...sonoranCurl.split('\n').map((l) => `    ${l}`));
  const community = world.sonoran.communities[0];
  if (community !== undefined) lines.push(`    curl -sS${admin} ${url}/__admin/sonoran/communities/${community.id}`);
  lines.push('');
  lines.push(
    `Control API    ${url}/__admin  (health, state, reset, daily/rooms/{name}, sonoran/communities/{id}; see the README)`,
  );
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
