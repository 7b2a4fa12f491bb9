/**
 * The rules of Sonoran Radio's set-member-permissions endpoint as pure functions: no Express, no I/O.
 * `perm` replaces a member's whole mask; `profilePerms` rows are upserted per channel; entries apply in
 * order (the last one for an account wins); all or nothing.
 */
import type { SonoranErrorCode } from './errors';
import {
  PERMISSION_BITS,
  PERMISSION_NAMES,
  type Channel,
  type Community,
  type CommunityInput,
  type CommunityView,
  type Member,
  type MemberInput,
  type MemberView,
  type PermissionName,
  type ProfilePerm,
  type UserPermUpdate,
} from './types';

/** 34 → ['COMM_KICK', 'COMM_APPROVE'] (bit order). */
export function maskToNames(mask: number): PermissionName[] {
  return PERMISSION_NAMES.filter((name) => (mask & PERMISSION_BITS[name]) !== 0);
}

/** ['COMM_APPROVE', 'COMM_KICK'] → 34. Repeated names count once. */
export function namesToMask(names: readonly PermissionName[]): number {
  return names.reduce((mask, name) => mask | PERMISSION_BITS[name], 0);
}

/** 34 → `34 (COMM_KICK + COMM_APPROVE)`; 0 → `0 (no permissions)`. */
export function describeMask(mask: number): string {
  const names = maskToNames(mask);
  return `${mask} (${names.length === 0 ? 'no permissions' : names.join(' + ')})`;
}

export interface UpdateOptions {
  /** Refuse unknown members and channels instead of skipping them. */
  readonly strict: boolean;
}

export type UpdateOutcome =
  | {
      readonly ok: true;
      /** The members the request reached, with their new mask and access, in the order first named. */
      readonly changes: ReadonlyMap<string, Member>;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly code: SonoranErrorCode; readonly why: string };

function rowsOf(update: UserPermUpdate): readonly ProfilePerm[] {
  const rows = update.profilePerms;
  return rows !== undefined && Array.isArray(rows) ? (rows as readonly ProfilePerm[]) : [];
}

function unknownMember(community: Community, accId: string, at: string): string {
  const lower = accId.toLowerCase();
  const near = [...community.members.keys()].find((id) => id.toLowerCase() === lower);
  const hint = near === undefined ? '' : ` (did you mean ${near}? account ids are matched exactly)`;
  return `${at}.accId "${accId}" is not a member of community ${community.id}${hint}`;
}

function unknownChannel(community: Community, profileId: number, at: string): string {
  const ids = [...community.channels.keys()].join(', ') || 'none';
  return `${at}.profileId ${profileId} is not a channel of community ${community.id} (its channels: ${ids})`;
}

const ENTRY_FIELDS = new Set(['accId', 'perm', 'profilePerms']);
const ROW_FIELDS = new Set(['profileId', 'canJoin']);

/** Fields the endpoint does not know inside an entry: ignored, but a client author wants to hear of a typo. */
function unknownFieldWarnings(userPerms: readonly UserPermUpdate[]): string[] {
  const warnings: string[] = [];
  userPerms.forEach((entry, i) => {
    for (const key of Object.keys(entry)) {
      if (!ENTRY_FIELDS.has(key))
        warnings.push(`userPerms[${i}].${key} is not a field of this endpoint and was ignored`);
    }
    rowsOf(entry).forEach((row, j) => {
      for (const key of Object.keys(row)) {
        if (!ROW_FIELDS.has(key)) {
          warnings.push(`userPerms[${i}].profilePerms[${j}].${key} is not a field of this endpoint and was ignored`);
        }
      }
    });
  });
  return warnings;
}

/**
 * Apply a `userPerms` list to a community. Unknown members and channels are skipped with a warning,
 * or (strict) refuse the whole request: 404 Member not found, 400 Invalid request.
 */
export function applyMemberPermissions(
  community: Community,
  userPerms: readonly UserPermUpdate[],
  options: UpdateOptions,
): UpdateOutcome {
  const warnings = unknownFieldWarnings(userPerms);
  for (const [i, entry] of userPerms.entries()) {
    const at = `userPerms[${i}]`;
    if (!community.members.has(entry.accId)) {
      const why = unknownMember(community, entry.accId, at);
      if (options.strict) return { ok: false, code: 'SONORAN_MEMBER_NOT_FOUND', why };
      warnings.push(`${why}; the entry was skipped`);
      continue;
    }
    for (const [j, row] of rowsOf(entry).entries()) {
      if (community.channels.has(row.profileId)) continue;
      const why = unknownChannel(community, row.profileId, `${at}.profilePerms[${j}]`);
      if (options.strict) return { ok: false, code: 'SONORAN_CHANNEL_NOT_FOUND', why };
      warnings.push(`${why}; the row was skipped`);
    }
  }

  // Only the members named: the cost follows the size of the request, not of the community.
  const changes = new Map<string, Member>();
  for (const entry of userPerms) {
    const member = changes.get(entry.accId) ?? community.members.get(entry.accId);
    if (member === undefined) continue;
    const profilePerms = new Map(member.profilePerms);
    for (const row of rowsOf(entry)) {
      if (community.channels.has(row.profileId)) profilePerms.set(row.profileId, row.canJoin);
    }
    changes.set(entry.accId, { ...member, permission: entry.perm, profilePerms });
  }
  return { ok: true, changes, warnings };
}

/** A community with changed members, as a new community (the store applies changes in place instead). */
export function withMembers(community: Community, changes: ReadonlyMap<string, Member>): Community {
  const members = new Map(community.members);
  for (const [accId, member] of changes) members.set(accId, member);
  return { ...community, members };
}

export type CommunityBuildOutcome =
  { readonly ok: true; readonly community: Community } | { readonly ok: false; readonly problem: string };

/** Shared by every member without channel rows (never mutated: updates copy before they write). */
const NO_ACCESS: ReadonlyMap<number, boolean> = new Map();

/** A member from control-API input, defaults filled in. */
export function buildMember(input: MemberInput): { ok: true; member: Member } | { ok: false; problem: string } {
  let permission = input.permission ?? 0;
  if (input.permissionNames !== undefined) {
    const fromNames = namesToMask(input.permissionNames);
    if (input.permission !== undefined && input.permission !== fromNames) {
      return {
        ok: false,
        problem: `member ${input.accId}: permission ${input.permission} and permissionNames (${describeMask(fromNames)}) disagree`,
      };
    }
    permission = fromNames;
  }
  const username = input.username ?? input.accId;
  return {
    ok: true,
    member: {
      accId: input.accId,
      username,
      displayName: input.displayName ?? username,
      permission,
      profilePerms:
        input.profilePerms === undefined || input.profilePerms.length === 0
          ? NO_ACCESS
          : new Map(input.profilePerms.map((row) => [row.profileId, row.canJoin])),
      approved: input.approved ?? true,
      pending: input.pending ?? false,
      banned: input.banned ?? false,
    },
  };
}

/** A community from control-API input; refuses repeated channel ids or accIds and access rows for unknown channels. */
export function buildCommunity(id: string, input: CommunityInput): CommunityBuildOutcome {
  const channels = new Map<number, Channel>();
  for (const channel of input.channels ?? []) {
    if (channels.has(channel.id)) return { ok: false, problem: `channel ${channel.id} is listed twice` };
    channels.set(channel.id, { id: channel.id, name: channel.name, private: channel.private });
  }
  const members = new Map<string, Member>();
  for (const memberInput of input.members ?? []) {
    if (members.has(memberInput.accId)) return { ok: false, problem: `member ${memberInput.accId} is listed twice` };
    const unknown = (memberInput.profilePerms ?? []).find((row) => !channels.has(row.profileId));
    if (unknown !== undefined) {
      return {
        ok: false,
        problem: `member ${memberInput.accId} has access to channel ${unknown.profileId}, which the community does not list`,
      };
    }
    const built = buildMember(memberInput);
    if (!built.ok) return built;
    members.set(memberInput.accId, built.member);
  }
  return { ok: true, community: { id, apiKey: input.apiKey, name: input.name ?? id, channels, members } };
}

export function viewMember(member: Member): MemberView {
  return {
    accId: member.accId,
    username: member.username,
    displayName: member.displayName,
    permission: member.permission,
    permissionNames: maskToNames(member.permission),
    profilePerms: [...member.profilePerms]
      .sort(([a], [b]) => a - b)
      .map(([profileId, canJoin]) => ({ profileId, canJoin })),
    approved: member.approved,
    pending: member.pending,
    banned: member.banned,
  };
}

export function viewCommunity(community: Community): CommunityView {
  return {
    id: community.id,
    apiKey: community.apiKey,
    name: community.name,
    channels: [...community.channels.values()],
    members: [...community.members.values()].map(viewMember),
  };
}
