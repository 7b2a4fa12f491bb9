/** Size limits of the state, so that a runaway script cannot grow a mock without end. */
import type { World } from './world';

export const DEFAULT_MAX_PARTICIPANTS_PER_ROOM = 100_000;
export const DEFAULT_MAX_MEMBERS_PER_COMMUNITY = 100_000;

export interface Limits {
  readonly maxParticipantsPerRoom: number;
  readonly maxMembersPerCommunity: number;
}

export function tooManyParticipants(room: string, count: number, limits: Limits): string | undefined {
  return count > limits.maxParticipantsPerRoom
    ? `room ${room} would have ${count} participants; the limit is ${limits.maxParticipantsPerRoom} ` +
        '(raise it with --max-participants or PERM_MOCK_MAX_PARTICIPANTS)'
    : undefined;
}

export function tooManyMembers(community: string, count: number, limits: Limits): string | undefined {
  return count > limits.maxMembersPerCommunity
    ? `community ${community} would have ${count} members; the limit is ${limits.maxMembersPerCommunity} ` +
        '(raise it with --max-members or PERM_MOCK_MAX_MEMBERS)'
    : undefined;
}

/** Every limit a world breaks. */
export function worldLimitProblems(world: World, limits: Limits): string[] {
  const problems: string[] = [];
  for (const room of world.daily.rooms) {
    const problem = tooManyParticipants(room.name, room.participants.length, limits);
    if (problem !== undefined) problems.push(problem);
  }
  for (const community of world.sonoran.communities) {
    const problem = tooManyMembers(community.id, community.members.length, limits);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}
