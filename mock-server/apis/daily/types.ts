/** Daily's permission model, as the update-permissions endpoint and daily-js define it. */

/** The media types of `canSend`, in the order Daily's docs list them (arrays are kept in this order). */
export const CAN_SEND_VALUES = ['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'] as const;
export type CanSendValue = (typeof CAN_SEND_VALUES)[number];

/** The admin tasks of `canAdmin`, in the order Daily's docs list them. */
export const CAN_ADMIN_VALUES = ['participants', 'streaming', 'transcription'] as const;
export type CanAdminValue = (typeof CAN_ADMIN_VALUES)[number];

/** Custom track name → may it be received. In `base`, the key `"*"` (every other track) is required. */
export type CustomTracks = Readonly<Record<string, boolean>>;

/** A full media object: what `canReceive.base` may hold besides a boolean. */
export interface FullMedia {
  readonly video: boolean;
  readonly audio: boolean;
  readonly screenVideo: boolean;
  readonly screenAudio: boolean;
  readonly customVideo: CustomTracks;
  readonly customAudio: CustomTracks;
}

/** A `byUserId` / `byParticipantId` value: a boolean for all media, or any subset of the media keys. */
export type ReceiveRule = boolean | Partial<FullMedia>;
export type ReceiveRules = Readonly<Record<string, ReceiveRule>>;

export interface CanReceive {
  readonly base: boolean | FullMedia;
  readonly byUserId?: ReceiveRules;
  readonly byParticipantId?: ReceiveRules;
}

export interface Permissions {
  readonly hasPresence: boolean;
  readonly canSend: boolean | readonly CanSendValue[];
  readonly canReceive: CanReceive;
  readonly canAdmin: boolean | readonly CanAdminValue[];
}

/** One participant's update in a request: every field optional, omitted = unchanged. */
export interface PermissionUpdate {
  readonly hasPresence?: boolean;
  readonly canSend?: boolean | readonly CanSendValue[];
  readonly canReceive?: Partial<CanReceive>;
  readonly canAdmin?: boolean | readonly CanAdminValue[];
}

/** The body of `POST /rooms/:name/update-permissions`; keys are session ids or `"*"`. */
export interface UpdatePermissionsBody {
  readonly data: Readonly<Record<string, PermissionUpdate>>;
}

/** The key that reaches every participant not named in the same request. */
export const EVERYONE_ELSE = '*';

/** A live session in a room. */
export interface Participant {
  /** The session id: what `data` is keyed by. */
  readonly id: string;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly owner: boolean;
  /** ISO 8601. */
  readonly joinTime: string;
  readonly permissions: Permissions;
  /**
   * The permissions the participant joined with (its meeting token, the room's and domain's
   * settings, or the control API), kept while an update-permissions has changed them; absent while
   * they are as joined (they are then `permissions`). The inspector marks what differs as changed.
   */
  readonly joinPermissions?: Permissions;
  /** When the mock ejects the participant (token or room eject rules), in unix seconds; absent: never. */
  readonly willEjectAt?: number;
}

export type RoomPrivacy = 'public' | 'private';

/** A room or domain property as a client sets it: any JSON value (a known one is checked first). */
export type PropertyValue = unknown;

/** Properties by name. A room's holds only what differs from Daily's defaults. */
export type Properties = Readonly<Record<string, PropertyValue>>;

/** An app message sent to a call through the REST API, kept so tests can read it. */
export interface AppMessage {
  /** ISO 8601, on the namespace's clock. */
  readonly at: string;
  readonly data: unknown;
  /** A session id, or `"*"` for everyone. */
  readonly recipient: string;
}

/** The meeting a room hosts while anyone is in it. */
export interface Session {
  readonly meetingId: string;
  /** When the first participant joined, in ms since the epoch. */
  readonly startedAt: number;
  /** Session data (set-session-data). */
  readonly data: Readonly<Record<string, unknown>>;
  /** User ids ejected with `ban: true`: refused until the meeting ends. */
  readonly banned: ReadonlySet<string>;
  readonly appMessages: readonly AppMessage[];
}

export interface Room {
  readonly id: string;
  readonly name: string;
  /** Made through the REST API (`POST /rooms`), not placed by the control API or a world file. */
  readonly apiCreated: boolean;
  readonly privacy: RoomPrivacy;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The properties set on the room that differ from Daily's defaults. */
  readonly config: Properties;
  /** Live participants by session id, in join order. */
  readonly participants: ReadonlyMap<string, Participant>;
  /** The meeting in progress; null when nobody is in the room. */
  readonly session: Session | null;
}

export interface Domain {
  readonly name: string;
  readonly id: string;
  /** The properties set on the domain (`POST /`); GET / shows them over the defaults. */
  readonly config: Properties;
}

/** A participant as the control API accepts it: only `id` is required. */
export interface ParticipantInput {
  readonly id: string;
  readonly userId?: string | null;
  readonly userName?: string | null;
  readonly owner?: boolean;
  readonly joinTime?: string;
  readonly permissions?: PermissionUpdate;
  /** The permissions it joined with, when an update has changed them since (a snapshot's participant). */
  readonly joinPermissions?: PermissionUpdate;
  readonly willEjectAt?: number;
}

/** The plain-JSON form of a session (control API, state snapshots). */
export interface SessionView {
  readonly meetingId: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly banned: readonly string[];
  readonly appMessages: readonly AppMessage[];
}

/**
 * A room as the control API accepts it (and as worlds written before rooms had ids still give it):
 * every field but the name is optional and gets its default.
 */
export interface RoomInput {
  readonly id?: string;
  readonly apiCreated?: boolean;
  readonly privacy?: RoomPrivacy;
  readonly createdAt?: string;
  readonly config?: Properties;
  readonly participants?: readonly ParticipantInput[];
  readonly session?: SessionView | null;
}

/** The plain-JSON form of a participant (control API, state snapshots): a participant is plain data already. */
export type ParticipantView = Participant;

/**
 * A room in a snapshot. The mock always writes every field; `id`, `apiCreated`, `config` and
 * `session` are optional only so that worlds written before they existed still load.
 */
export interface RoomView {
  readonly name: string;
  readonly id?: string;
  readonly apiCreated?: boolean;
  readonly privacy: RoomPrivacy;
  readonly createdAt: string;
  readonly config?: Properties;
  readonly participants: readonly ParticipantView[];
  readonly session?: SessionView | null;
}

export type WebhookRetryType = 'circuit-breaker' | 'exponential';
export type WebhookState = 'ACTIVE' | 'FAILED';

/** A webhook as Daily's `/webhooks` endpoints show it. */
export interface Webhook {
  readonly uuid: string;
  readonly url: string;
  /** The base-64 secret deliveries are signed with. */
  readonly hmac: string;
  /** Sent as `Authorization: Basic <basicAuth>`; null for none. */
  readonly basicAuth: string | null;
  readonly eventTypes: readonly string[];
  readonly retryType: WebhookRetryType;
  readonly state: WebhookState;
  readonly failedCount: number;
  readonly domainId: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When a delivery last succeeded (ISO 8601), or null. */
  readonly lastMomentPushed: string | null;
}

/** Daily's part of a world or state snapshot. `domain` and `webhooks` are always written; older worlds omit them. */
export interface DailySnapshot {
  readonly apiKeys: readonly string[];
  readonly domain?: Domain;
  readonly rooms: readonly RoomView[];
  readonly webhooks?: readonly Webhook[];
}

/** A webhook event as Daily sends it: the five common fields of the envelope. */
export interface DailyEvent {
  readonly version: '1.0.0';
  readonly type: string;
  readonly id: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Unix seconds with a fractional part. */
  readonly event_ts: number;
}

/** Time as the store needs it: the namespace's clock (structurally the mock's NamespaceClock). */
export interface DailyClock {
  nowMs(): number;
  /** Call `fire` when the clock reaches `atMs` (real time passing, or the clock advanced). */
  at(atMs: number, fire: () => void): { cancel(): void };
}

/** What a store is built with besides its data: time, randomness, and whom to tell about changes made outside a request. */
export interface DailyRuntime {
  readonly clock: DailyClock;
  /** Random bytes for ids, room names and webhook secrets (seeded in tests). */
  readonly randomBytes: (size: number) => Buffer;
  /** How long after the last participant leaves `meeting.ended` is sent. */
  readonly meetingEndedDelayMs: number;
  /** Called after a timer changed the store (an ejection, an expiry), so the change can be made durable. */
  readonly changed?: () => void;
}
