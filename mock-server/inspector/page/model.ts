/** The shapes the page reads from the control API (a subset of the mock's own types). */
export type CanSend = boolean | readonly string[];

export interface Permissions {
  readonly hasPresence: boolean;
  readonly canSend: CanSend;
  readonly canReceive: {
    readonly base: boolean | Record<string, unknown>;
    readonly byUserId?: Record<string, unknown>;
    readonly byParticipantId?: Record<string, unknown>;
  };
  readonly canAdmin: CanSend;
}

export interface Participant {
  readonly id: string;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly owner: boolean;
  readonly joinTime: string;
  readonly permissions: Permissions;
  readonly joinPermissions?: Permissions;
}

export interface DailyRoom {
  readonly name: string;
  readonly privacy: string;
  readonly participants: readonly Participant[];
}

export interface Channel {
  readonly id: number;
  readonly name: string;
  readonly private: boolean;
}

export interface Member {
  readonly accId: string;
  readonly username: string;
  readonly displayName: string;
  readonly permission: number;
  readonly permissionNames: readonly string[];
  readonly profilePerms: readonly { readonly profileId: number; readonly canJoin: boolean }[];
  readonly approved: boolean;
  readonly pending: boolean;
  readonly banned: boolean;
}

export interface RadioUser {
  readonly identity: string;
  readonly name: string;
  readonly transmit: readonly number[];
  readonly scan: readonly number[];
}

export interface Community {
  readonly id: string;
  readonly name: string;
  readonly channels: readonly Channel[];
  readonly members: readonly Member[];
  readonly rooms: readonly { readonly id: number; readonly users: readonly RadioUser[] }[];
}

export interface World {
  readonly daily: { readonly rooms: readonly DailyRoom[] };
  readonly sonoran: { readonly communities: readonly Community[] };
}

/** The ten Sonoran permission bits, in bit order. */
export const PERMISSION_BITS = [
  'ADMIN',
  'COMM_KICK',
  'COMM_BAN',
  'RADIO_MOVE_CLIENT',
  'RADIO_KICK',
  'COMM_APPROVE',
  'SET_DISPLAYNAME',
  'COMM_SET_DISPLAYNAME',
  'RADIO_PLAY_TONES',
  'RADIO_TALKOVER_OVERRIDE',
] as const;

export const CAN_SEND = ['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'] as const;
export const CAN_ADMIN = ['participants', 'streaming', 'transcription'] as const;

/** Does a canSend / canAdmin value allow this item? */
export function allows(value: CanSend, item: string): boolean {
  return typeof value === 'boolean' ? value : value.includes(item);
}

export interface RequestSummary {
  readonly namespace: string;
  readonly id: string;
  readonly time: string;
  readonly api: string;
  readonly operation: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly valid: boolean;
  readonly violations: readonly string[];
  readonly warnings: readonly string[];
  readonly reason: { readonly code: string; readonly message: string } | null;
  readonly changed: number | null;
}

export interface ChangedEntity {
  readonly api: string;
  readonly kind: string;
  readonly id: string;
  readonly room?: string;
  readonly community?: string;
  readonly radioRoom?: number;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export interface JournalEntry {
  readonly id: string;
  readonly time: string;
  readonly api: string;
  readonly operation: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request: { readonly headers: Record<string, unknown>; readonly body?: unknown; readonly bodyText?: string };
  readonly response: { readonly body: unknown; readonly bodyText?: string };
  readonly reason: { readonly code: string; readonly message: string } | null;
  readonly contract: { readonly valid: boolean; readonly violations: readonly string[] };
  readonly warnings: readonly string[];
  readonly durationMs: number;
  readonly changes?: { readonly entities: readonly ChangedEntity[]; readonly omitted: number };
}

/** A journal entry as the journal list shows it (the same fields a request event carries). */
export function summaryOf(namespace: string, entry: JournalEntry): RequestSummary {
  return {
    namespace,
    id: entry.id,
    time: entry.time,
    api: entry.api,
    operation: entry.operation,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    valid: entry.contract.valid,
    violations: entry.contract.violations,
    warnings: entry.warnings,
    reason: entry.reason,
    changed: entry.changes === undefined ? null : entry.changes.entities.length + entry.changes.omitted,
  };
}
