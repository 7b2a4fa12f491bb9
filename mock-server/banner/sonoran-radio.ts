/** Sonoran Radio's section of the banner: communities, channels, members, and curls that work as printed. */
import { describeMask } from '../apis/sonoran-radio/semantics';
import { MAX_PERMISSION_MASK } from '../apis/sonoran-radio/types';
import type { World } from '../world';
import { shellQuote, type BannerContext } from './shell';

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

export function sonoranSection(world: World, { url, adminHeader }: BannerContext): string[] {
  const lines: string[] = [];
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
  const curl = exampleSonoranCurl(url, world);
  if (curl !== null) lines.push('  try:', ...curl.split('\n').map((l) => `    ${l}`));
  const community = world.sonoran.communities[0];
  if (community !== undefined)
    lines.push(`    curl -sS${adminHeader} ${url}/__admin/sonoran/communities/${community.id}`);
  return lines;
}
