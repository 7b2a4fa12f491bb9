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
}

export type RoomPrivacy = 'public' | 'private';

export interface Room {
  readonly name: string;
  readonly privacy: RoomPrivacy;
  /** ISO 8601. */
  readonly createdAt: string;
  /** Live participants by session id, in join order. */
  readonly participants: ReadonlyMap<string, Participant>;
}

/** A participant as the control API accepts it: only `id` is required. */
export interface ParticipantInput {
  readonly id: string;
  readonly userId?: string | null;
  readonly userName?: string | null;
  readonly owner?: boolean;
  readonly joinTime?: string;
  readonly permissions?: PermissionUpdate;
}

export interface RoomInput {
  readonly privacy?: RoomPrivacy;
  readonly createdAt?: string;
  readonly participants?: readonly ParticipantInput[];
}

/** The plain-JSON form of a participant (control API, state snapshots): a participant is plain data already. */
export type ParticipantView = Participant;

export interface RoomView {
  readonly name: string;
  readonly privacy: RoomPrivacy;
  readonly createdAt: string;
  readonly participants: readonly ParticipantView[];
}

/** Daily's part of a world or state snapshot. */
export interface DailySnapshot {
  readonly apiKeys: readonly string[];
  readonly rooms: readonly RoomView[];
}
