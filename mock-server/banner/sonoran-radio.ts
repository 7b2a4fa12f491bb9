/** Sonoran Radio's section of the banner: communities, channels, members, rooms, and curls that work as printed. */
import { describeMask } from '../apis/sonoran-radio/semantics';
import { MAX_PERMISSION_MASK, type CommunityView, type MemberView } from '../apis/sonoran-radio/types';
import type { World } from '../world';
import { shellQuote, someOf, type BannerContext } from './shell';

/** The community and member the example curls act on: an approved member with the fewest bits. */
function example(world: World): { community: CommunityView; member: MemberView } | null {
  const community = world.sonoran.communities.find((c) => c.members.length > 0);
  const active = community?.members.filter((m) => m.approved && !m.banned) ?? [];
  const member = [...active].sort((a, b) => a.permission - b.permission)[0] ?? community?.members[0];
  return community === undefined || member === undefined ? null : { community, member };
}

function permissionEntry(community: CommunityView, member: MemberView): Record<string, unknown> {
  const privateChannel = community.channels.find((c) => c.private === true);
  return {
    accId: member.accId,
    perm: 34,
    ...(privateChannel !== undefined && { profilePerms: [{ profileId: privateChannel.id, canJoin: true }] }),
  };
}

/** A ready-to-paste v1 curl for Sonoran Radio that succeeds against the world (null without a member). */
export function exampleSonoranCurl(url: string, world: World): string | null {
  const found = example(world);
  if (found === null) return null;
  const { community, member } = found;
  const body = JSON.stringify({ apiKey: community.apiKey, userPerms: [permissionEntry(community, member)] });
  return [
    `curl -sS -X POST ${url}/api/servers/${community.id}/members/permissions \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

/** The same change through v2 (Bearer key, PATCH), and the read Sonoran.js starts with. */
export function exampleSonoranV2Curls(url: string, world: World): string[] {
  const found = example(world);
  if (found === null) return [];
  const { community, member } = found;
  const auth = shellQuote(`Authorization: Bearer ${community.apiKey}`);
  const body = JSON.stringify({ userPerms: [permissionEntry(community, member)] });
  return [
    [
      `curl -sS -X PATCH ${url}/v2/servers/${community.id}/members/permissions \\`,
      `  -H ${auth} -H 'Content-Type: application/json' \\`,
      `  -d ${shellQuote(body)}`,
    ].join('\n'),
    `curl -sS ${url}/v2/servers/${community.id}/channels -H ${auth}`,
  ];
}

function roomLine(community: CommunityView, room: NonNullable<CommunityView['rooms']>[number]): string {
  const { shown, more } = someOf(room.users);
  const users = shown.map((u) => {
    const on = [
      ...(u.transmit.length > 0 ? [`transmit ${u.transmit.join(', ')}`] : []),
      ...(u.scan.length > 0 ? [`scan ${u.scan.join(', ')}`] : []),
    ];
    return `${u.identity}${on.length > 0 ? ` (${on.join('; ')})` : ''}`;
  });
  const zones = room.geoZones.length + room.degradeZones.length;
  const extra = zones === 0 ? '' : `; ${zones} zone${zones === 1 ? '' : 's'}`;
  const others = more === 0 ? '' : ` and ${more.toLocaleString('en-US')} more`;
  return `    room ${room.id}: ${users.length === 0 ? 'nobody connected' : `connected ${users.join(', ')}${others}`}${extra}`;
}

export function sonoranSection(world: World, { url, adminHeader }: BannerContext): string[] {
  const lines: string[] = [];
  lines.push(`Sonoran Radio  v1 ${url}/api/…, ${url}/radio/…  (key in the path or body)`);
  lines.push(`               v2 ${url}/v2/servers/{id}/…  (Authorization: Bearer <community API key>)`);
  const communities = someOf(world.sonoran.communities);
  for (const community of communities.shown) {
    lines.push(`  community ${community.id}  apiKey ${community.apiKey}`);
    const groups = new Map((community.groups ?? []).map((g) => [g.id, g.name]));
    const channels = community.channels
      .map((c) => {
        const group = c.groupId === undefined ? undefined : groups.get(c.groupId);
        return `${c.id} ${c.name}${c.private === true ? ' (private)' : ''}${group === undefined || groups.size < 2 ? '' : ` [${group}]`}`;
      })
      .join(', ');
    lines.push(`    channels: ${channels || 'none'}`);
    const members = someOf(community.members);
    for (const m of members.shown) {
      const status = m.banned ? ', banned' : m.pending ? ', pending' : '';
      const perm = m.permission === MAX_PERMISSION_MASK ? `${m.permission} (every bit)` : describeMask(m.permission);
      lines.push(`    member ${m.accId}  ${m.username}: perm ${perm}${status}`);
    }
    if (members.more > 0)
      lines.push(
        `    and ${members.more.toLocaleString('en-US')} more members (GET /__admin/sonoran/communities/${community.id})`,
      );
    const radioRooms = someOf(community.rooms ?? []);
    for (const room of radioRooms.shown) lines.push(roomLine(community, room));
    if (radioRooms.more > 0) lines.push(`    and ${radioRooms.more.toLocaleString('en-US')} more rooms`);
  }
  if (communities.more > 0)
    lines.push(`  and ${communities.more.toLocaleString('en-US')} more communities (GET /__admin/state)`);
  const curl = exampleSonoranCurl(url, world);
  if (curl !== null) lines.push('  try:', ...curl.split('\n').map((l) => `    ${l}`));
  for (const v2 of exampleSonoranV2Curls(url, world)) lines.push(...v2.split('\n').map((l) => `    ${l}`));
  const community = world.sonoran.communities[0];
  if (community !== undefined)
    lines.push(`    curl -sS${adminHeader} ${url}/__admin/sonoran/communities/${community.id}`);
  return lines;
}
