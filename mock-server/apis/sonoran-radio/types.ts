/** Sonoran Radio's community model, as the v1 set-member-permissions endpoint and its docs define it. */

/** The ten permission bits, combined by adding. Source: the endpoint's doc page. */
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

/** A radio channel ("profile"); private channels need per-member access. */
export interface Channel {
  readonly id: number;
  readonly name: string;
  readonly private: boolean;
}

export interface ProfilePerm {
  readonly profileId: number;
  readonly canJoin: boolean;
}

export interface Member {
  /** Account UUID. */
  readonly accId: string;
  readonly username: string;
  readonly displayName: string;
  /** The permission bitmask, 0..1023. */
  readonly permission: number;
  /** Channel id → may join; `false` is an explicit deny and is kept. */
  readonly profilePerms: ReadonlyMap<number, boolean>;
  readonly approved: boolean;
  readonly pending: boolean;
  readonly banned: boolean;
}

export interface Community {
  readonly id: string;
  readonly apiKey: string;
  readonly name: string;
  /** Channels by id, in the order they were given. */
  readonly channels: ReadonlyMap<number, Channel>;
  /** Members by accId, in the order they were given. */
  readonly members: ReadonlyMap<string, Member>;
}

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

/** A member as the control API accepts it: only `accId` is required. */
export interface MemberInput {
  readonly accId: string;
  readonly username?: string;
  readonly displayName?: string;
  readonly permission?: number;
  /** Bit names, as an alternative to `permission` (both given: they must agree). */
  readonly permissionNames?: readonly PermissionName[];
  readonly profilePerms?: readonly ProfilePerm[];
  readonly approved?: boolean;
  readonly pending?: boolean;
  readonly banned?: boolean;
}

export interface CommunityInput {
  readonly apiKey: string;
  readonly name?: string;
  readonly channels?: readonly Channel[];
  readonly members?: readonly MemberInput[];
}

/** The plain-JSON form of a member (control API, snapshots). */
export interface MemberView {
  readonly accId: string;
  readonly username: string;
  readonly displayName: string;
  readonly permission: number;
  readonly permissionNames: readonly PermissionName[];
  /** Sorted by profileId. */
  readonly profilePerms: readonly ProfilePerm[];
  readonly approved: boolean;
  readonly pending: boolean;
  readonly banned: boolean;
}

export interface CommunityView {
  readonly id: string;
  readonly apiKey: string;
  readonly name: string;
  readonly channels: readonly Channel[];
  readonly members: readonly MemberView[];
}

/** Sonoran Radio's part of a world or state snapshot. */
export interface SonoranSnapshot {
  readonly communities: readonly CommunityView[];
}
