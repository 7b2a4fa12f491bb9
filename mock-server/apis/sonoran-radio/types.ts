/**
 * Sonoran Radio's community model: one model behind both API versions. A community has channel
 * groups and channels, members with a permission mask and private-channel access, rooms (`1..n`)
 * with connected radio users and zones, in-game speakers, the tones played and the transmissions
 * logged. The v1 and v2 routes are two views of it.
 */

/** The ten permission bits, combined by adding. Source: the set-member-permissions doc page. */
export const PERMISSION_BITS = {
  ADMIN: 1,
  COMM_KICK: 2,
  COMM_BAN: 4,
  RADIO_MOVE_CLIENT: 8,
  RADIO_KICK: 16,
  COMM_APPROVE: 32,
  SET_DISPLAYNAME: 64,
  COMM_SET_DISPLAYNAME: 128,
  RADIO_PLAY_TONES: 256,
  RADIO_TALKOVER_OVERRIDE: 512,
} as const;

export type PermissionName = keyof typeof PERMISSION_BITS;

/** The names in bit order (ADMIN first). */
export const PERMISSION_NAMES = Object.keys(PERMISSION_BITS) as readonly PermissionName[];

/** Every bit set: the largest valid mask. */
export const MAX_PERMISSION_MASK = 1023;

/** Subscription levels (FACT: 0 Free, 1 Plus, 2 Pro). */
export type SubscriptionLevel = 0 | 1 | 2;

export interface ChannelGroup {
  readonly id: number;
  readonly name: string;
  readonly orderIndex: number;
}

/**
 * A radio channel ("profile"): every field v1's get-community-channels documents, `name` being v1's
 * `displayName`; private channels need per-member access (`canJoin`).
 */
export interface Channel {
  readonly id: number;
  readonly name: string;
  readonly private: boolean;
  readonly groupId: number;
  readonly recvFreqMajor: number;
  readonly recvFreqMinor: number;
  readonly xmitFreqMajor: number;
  readonly xmitFreqMinor: number;
  readonly repeatsXmit: boolean;
  readonly status: boolean;
  readonly orderIndex: number;
  readonly talkoverProtection: boolean;
}

/** One member's access row for a channel: `id` is the row's own id (v2 shows it), `false` an explicit deny. */
export interface ProfileAccess {
  readonly id: number;
  readonly canJoin: boolean;
}

export interface ProfilePerm {
  readonly profileId: number;
  readonly canJoin: boolean;
}

export interface Member {
  /** Account UUID. */
  readonly accId: string;
  readonly username: string;
  /** The member-list name (v1 nicknames, v2 display-names). */
  readonly displayName: string;
  /** The permission bitmask, 0..1023. */
  readonly permission: number;
  /** Channel id → access row. */
  readonly profilePerms: ReadonlyMap<number, ProfileAccess>;
  readonly approved: boolean;
  readonly pending: boolean;
  readonly banned: boolean;
}

/** A user connected to a room from the radio client (the control API connects them). */
export interface RadioUser {
  /** The account UUID (a member's accId). */
  readonly identity: string;
  /** The live name, shown to other radio users. */
  readonly name: string;
  /** What the client reported beyond its channels (`{"sonrad":true}` by default). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly transmit: readonly number[];
  /** Scanned channels, never one it transmits on. */
  readonly scan: readonly number[];
  readonly connectedAt: string;
}

export type ZoneType = 'geo' | 'degrade';
export const ZONE_TYPES: readonly ZoneType[] = ['geo', 'degrade'];

/** A GEO or degradation zone as the client sent it (`options.zoneType` filled in). */
export interface Zone {
  readonly points?: readonly { readonly x: number; readonly y: number }[];
  readonly center?: { readonly x: number; readonly y: number };
  readonly radius?: number;
  readonly options: {
    readonly name: string;
    readonly minZ: number;
    readonly maxZ: number;
    readonly zoneType: ZoneType;
    readonly transmitChannels?: readonly number[];
    readonly scanChannels?: readonly number[];
    readonly acePerms?: readonly string[];
    readonly degradeStrength?: number;
  };
}

/** Where a room's game server is (set-server-ip): the caller's address, and where push events go. */
export interface ServerRegistration {
  readonly ip: string;
  readonly port: number | null;
  readonly pushUrl: string | null;
  readonly nickname: string | null;
  readonly updatedAt: string;
}

export interface Room {
  readonly id: number;
  /** Connected users by identity, in the order they connected. */
  readonly users: ReadonlyMap<string, RadioUser>;
  readonly geoZones: ReadonlyMap<string, Zone>;
  readonly degradeZones: ReadonlyMap<string, Zone>;
  readonly server: ServerRegistration | null;
}

export interface SpeakerLocation {
  readonly label: string;
  readonly id: string;
}

/** A custom tone (`id: -1` with a `src` URL) or a saved one with its display fields. */
export interface Tone {
  readonly id: number;
  readonly color?: string;
  readonly textColor?: string;
  readonly label?: string;
  readonly icon?: string;
  readonly src?: string;
}

export interface PlayTarget {
  readonly type: 'channel' | 'group' | 'game';
  readonly value: unknown;
}

/** A tone play, recorded for tests to read back. */
export interface TonePlay {
  readonly time: string;
  readonly roomId: number;
  readonly tones: readonly (number | Tone)[];
  readonly playTo: readonly PlayTarget[];
  /** Which API version played it. */
  readonly via: 'v1' | 'v2';
}

export interface Transmission {
  readonly id: string;
  readonly serverId: number;
  readonly account: string;
  readonly channelId: number;
  readonly time: string;
  readonly audioUrl: string;
  readonly transcript: string;
}

/** How each version renders a connected user's `metadata`: the docs show an object (v1) and a JSON string (v2). */
export interface MetadataFormat {
  readonly v1: 'object' | 'string';
  readonly v2: 'object' | 'string';
}

export interface Community {
  readonly id: string;
  readonly apiKey: string;
  readonly name: string;
  readonly subscription: SubscriptionLevel;
  readonly metadataFormat: MetadataFormat;
  readonly groups: ReadonlyMap<number, ChannelGroup>;
  /** Channels by id, in the order they were given. */
  readonly channels: ReadonlyMap<number, Channel>;
  /** Members by accId, in the order they were given. */
  readonly members: ReadonlyMap<string, Member>;
  /** Rooms by id (`1..n`). */
  readonly rooms: ReadonlyMap<number, Room>;
  readonly speakers: readonly SpeakerLocation[];
  /** Tones played, oldest first (the last TONE_LOG_LIMIT). */
  readonly tones: readonly TonePlay[];
  /** Transmission log rows, oldest first (seeded through the control API). */
  readonly transmissions: readonly Transmission[];
  /** The next access row id to hand out. */
  readonly nextAccessId: number;
}

/** How many tone plays a community keeps. */
export const TONE_LOG_LIMIT = 1000;

/** One entry of `userPerms` in a request. `profilePerms` may be `{}` (an empty Lua table). */
export interface UserPermUpdate {
  readonly accId: string;
  readonly perm: number;
  readonly profilePerms?: readonly ProfilePerm[] | Readonly<Record<string, never>>;
}

/** The body of `POST /api/servers/:id/members/permissions`. Unknown top-level fields are ignored. */
export interface SetPermissionsBody {
  readonly apiKey: string;
  readonly userPerms: readonly UserPermUpdate[];
}

export interface NicknameUpdate {
  readonly accId: string;
  readonly nickname: string;
}

// ---- Input and snapshot shapes (control API, world files, state files) ----

export interface ProfilePermInput extends ProfilePerm {
  /** The access row's id; handed out when absent. */
  readonly id?: number;
}

/** A member as the control API accepts it: only `accId` is required. */
export interface MemberInput {
  readonly accId: string;
  readonly username?: string;
  readonly displayName?: string;
  readonly permission?: number;
  /** Bit names, as an alternative to `permission` (both given: they must agree). */
  readonly permissionNames?: readonly PermissionName[];
  readonly profilePerms?: readonly ProfilePermInput[];
  readonly approved?: boolean;
  readonly pending?: boolean;
  readonly banned?: boolean;
}

/** A channel as input: `id` and `name` are required; the v1 fields default (see docs/sonoran-radio.md). */
export interface ChannelInput {
  readonly id: number;
  readonly name: string;
  readonly private?: boolean;
  readonly groupId?: number;
  readonly recvFreqMajor?: number;
  readonly recvFreqMinor?: number;
  readonly xmitFreqMajor?: number;
  readonly xmitFreqMinor?: number;
  readonly repeatsXmit?: boolean;
  readonly status?: boolean;
  readonly orderIndex?: number;
  readonly talkoverProtection?: boolean;
}

export interface ChannelGroupInput {
  readonly id: number;
  readonly name: string;
  readonly orderIndex?: number;
}

export interface RadioUserInput {
  readonly identity: string;
  readonly name?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly transmit?: readonly number[];
  readonly scan?: readonly number[];
  readonly connectedAt?: string;
}

export interface ZoneInput {
  readonly points?: readonly { readonly x: number; readonly y: number }[];
  readonly center?: { readonly x: number; readonly y: number };
  readonly radius?: number;
  readonly options: Omit<Zone['options'], 'zoneType'> & { readonly zoneType?: ZoneType };
}

export interface ServerInput {
  readonly ip: string;
  readonly port?: number | null;
  readonly pushUrl?: string | null;
  readonly nickname?: string | null;
  readonly updatedAt?: string;
}

export interface RoomInput {
  readonly id: number;
  readonly users?: readonly RadioUserInput[];
  readonly geoZones?: readonly ZoneInput[];
  readonly degradeZones?: readonly ZoneInput[];
  readonly server?: ServerInput | null;
}

export interface TransmissionInput {
  readonly id?: string;
  readonly serverId?: number;
  readonly account: string;
  readonly channelId: number;
  readonly time?: string;
  readonly audioUrl?: string;
  readonly transcript?: string;
}

export interface CommunityInput {
  readonly apiKey: string;
  readonly name?: string;
  readonly subscription?: SubscriptionLevel;
  readonly metadataFormat?: Partial<MetadataFormat>;
  readonly groups?: readonly ChannelGroupInput[];
  readonly channels?: readonly ChannelInput[];
  readonly members?: readonly MemberInput[];
  /** Default: one room, `1`. */
  readonly rooms?: readonly RoomInput[];
  readonly speakers?: readonly SpeakerLocation[];
  readonly tones?: readonly TonePlay[];
  readonly transmissions?: readonly TransmissionInput[];
}

/** An access row as the control API and snapshots show it. */
export interface ProfilePermView {
  readonly id?: number;
  readonly profileId: number;
  readonly canJoin: boolean;
}

/** The plain-JSON form of a member (control API, snapshots). */
export interface MemberView {
  readonly accId: string;
  readonly username: string;
  readonly displayName: string;
  readonly permission: number;
  readonly permissionNames: readonly PermissionName[];
  /** Sorted by profileId. */
  readonly profilePerms: readonly ProfilePermView[];
  readonly approved: boolean;
  readonly pending: boolean;
  readonly banned: boolean;
}

export interface RadioUserView {
  readonly identity: string;
  readonly name: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly transmit: readonly number[];
  readonly scan: readonly number[];
  readonly connectedAt: string;
}

export interface RoomView {
  readonly id: number;
  readonly users: readonly RadioUserView[];
  readonly geoZones: readonly Zone[];
  readonly degradeZones: readonly Zone[];
  readonly server: ServerRegistration | null;
}

/**
 * The plain-JSON form of a community. The fields after `members` are always present in what the mock
 * writes; a world file written before they existed may leave them out (defaults fill them in).
 */
export interface CommunityView {
  readonly id: string;
  readonly apiKey: string;
  readonly name: string;
  readonly channels: readonly ChannelInput[];
  readonly members: readonly MemberView[];
  readonly subscription?: SubscriptionLevel;
  readonly metadataFormat?: MetadataFormat;
  readonly groups?: readonly ChannelGroup[];
  readonly rooms?: readonly RoomView[];
  readonly speakers?: readonly SpeakerLocation[];
  readonly tones?: readonly TonePlay[];
  readonly transmissions?: readonly Transmission[];
}

/** Sonoran Radio's part of a world or state snapshot. */
export interface SonoranSnapshot {
  readonly communities: readonly CommunityView[];
}

/** A push event delivery the mock attempted (not part of the snapshot: a runtime log). */
export interface PushAttempt {
  readonly id: number;
  readonly time: string;
  readonly roomId: number;
  readonly url: string;
  readonly event: { readonly id: string; readonly key: string; readonly type: string; readonly payload: unknown };
  /** pending until the receiver answers (delivered) or the attempt fails or times out. */
  state: 'pending' | 'delivered' | 'failed';
  status: number | null;
  error: string | null;
}
