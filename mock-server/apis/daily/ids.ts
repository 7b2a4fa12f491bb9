/**
 * Ids as Daily makes them: UUIDs for rooms, sessions, meetings and webhooks, 20-character room names,
 * base-64 webhook secrets. Random ones come from the runtime's bytes (seeded in tests); ids of rooms
 * and meetings a world file gives without one are derived from what the world does give, so the
 * same world always loads the same way (resets, namespaces, restarts).
 */
import { createHash } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function formatUuid(bytes: Buffer, version: number): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | (version << 4);
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A random (version 4) UUID from these bytes. */
export function randomUuid(randomBytes: (size: number) => Buffer): string {
  return formatUuid(randomBytes(16), 4);
}

/** A UUID derived from a text (name-based, version 5 layout): the same text, the same id. */
export function derivedUuid(text: string): string {
  return formatUuid(createHash('sha1').update(`perm-mock:${text}`).digest(), 5);
}

/** A room name like Daily's generated ones (`w2pp2cf4kltgFACPKXmX`): 20 letters and digits. */
export function randomRoomName(randomBytes: (size: number) => Buffer): string {
  let name = '';
  for (const byte of randomBytes(20)) name += ALPHANUMERIC[byte % ALPHANUMERIC.length] ?? 'a';
  return name;
}

/** A webhook secret: 32 random bytes, base-64, as Daily generates when none is given. */
export function randomSecret(randomBytes: (size: number) => Buffer): string {
  return randomBytes(32).toString('base64');
}
