/** Daily's section of the banner: the API key, the rooms, and curls that work as printed. */
import type { World } from '../world';
import { shellQuote, type BannerContext } from './shell';

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

export function dailySection(world: World, { url, adminHeader }: BannerContext): string[] {
  const lines: string[] = [];
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
  if (first !== undefined) lines.push(`    curl -sS${adminHeader} ${url}/__admin/daily/rooms/${first.name}`);
  return lines;
}
