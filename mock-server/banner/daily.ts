/**
 * Daily's section of the banner: the API key, the domain, the rooms, and curls that work as
 * printed: an update-permissions, a meeting token made and used by a control-API join.
 */
import type { World } from '../world';
import { shellQuote, someOf, type BannerContext } from './shell';

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

/**
 * Two commands that work as printed: make a meeting token for a room (a private one if the world
 * has one, since only a token gets in there), then join that room with it through the control API,
 * as a Daily client opening the room would. Null without a key or a room.
 */
export function exampleDailyJoin(url: string, world: World, adminHeader = ''): string | null {
  const key = world.daily.apiKeys[0];
  const room = world.daily.rooms.find((r) => r.privacy === 'private') ?? world.daily.rooms[0];
  if (key === undefined || room === undefined) return null;
  const properties = { room_name: room.name, user_name: 'Ada', permissions: { canSend: ['audio'] } };
  return [
    `TOKEN=$(curl -sS -X POST ${url}/v1/meeting-tokens \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${key}`)} -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify({ properties }))} | cut -d'"' -f4)`,
    `curl -sS -X POST ${url}/__admin/daily/rooms/${room.name}/participants${adminHeader} \\`,
    `  -H 'Content-Type: application/json' -d "{\\"token\\":\\"$TOKEN\\"}"`,
  ].join('\n');
}

export function dailySection(world: World, { url, adminHeader }: BannerContext): string[] {
  const lines: string[] = [];
  lines.push(`Daily          POST ${url}/v1/rooms/{name}/update-permissions  (rooms, tokens, presence, webhooks too)`);
  lines.push(`  API key      ${world.daily.apiKeys.join(', ') || '(none: pass --daily-api-key)'}`);
  const domain = world.daily.domain;
  if (domain !== undefined) lines.push(`  domain       ${domain.name} (id ${domain.id})`);
  const rooms = someOf(world.daily.rooms);
  for (const room of rooms.shown) {
    const people = someOf(room.participants);
    const listed = people.shown
      .map((p) => `${p.id}${p.owner ? ' (owner)' : ''}${p.permissions.hasPresence ? '' : ' (hidden)'}`)
      .join(', ');
    const who =
      room.participants.length === 0
        ? 'no call in progress'
        : people.more === 0
          ? listed
          : `${listed} and ${people.more.toLocaleString('en-US')} more (GET /__admin/daily/rooms/${room.name})`;
    lines.push(`  room ${room.name}${room.privacy === 'private' ? ' (private)' : ''}: ${who}`);
  }
  if (rooms.more > 0) lines.push(`  and ${rooms.more.toLocaleString('en-US')} more rooms (GET /__admin/state)`);
  const curl = exampleDailyCurl(url, world);
  if (curl !== null) lines.push('  try:', ...curl.split('\n').map((l) => `    ${l}`));
  const first = world.daily.rooms[0];
  if (first !== undefined) lines.push(`    curl -sS${adminHeader} ${url}/__admin/daily/rooms/${first.name}`);
  const joinExample = exampleDailyJoin(url, world, adminHeader);
  if (joinExample !== null) {
    lines.push('  make a meeting token, then join with it (the control API plays the Daily client):');
    lines.push(...joinExample.split('\n').map((l) => `    ${l}`));
  }
  return lines;
}
