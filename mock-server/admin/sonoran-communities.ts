/** Control API for Sonoran Radio: communities, their key, channels and members. */
import type { ContractRegistry } from '../../contracts/registry';
import { buildCommunity, viewCommunity, viewMember } from '../apis/sonoran-radio/semantics';
import type { Community, CommunityInput } from '../apis/sonoran-radio/types';
import { tooManyMembers } from '../limits';
import type { MockState } from '../state';
import { adminProblem } from './errors';
import type { AdminHandler, AdminRequest } from './types';

const COMMUNITY_ID = 'urn:perm-mock:admin:sonoran-radio#/$defs/communityId';

function communityId(req: AdminRequest, registry: ContractRegistry): string {
  const id = req.params.id ?? '';
  if (registry.validate(COMMUNITY_ID, id).length > 0) {
    throw adminProblem(
      'MOCK_INVALID_COMMUNITY_ID',
      `"${id.slice(0, 200)}" is not a community id: use 1 to 128 letters, digits, '-' or '_'`,
    );
  }
  return id;
}

function existingCommunity(req: AdminRequest, state: MockState, registry: ContractRegistry): Community {
  const id = communityId(req, registry);
  const community = state.sonoran.getCommunity(id);
  if (community === undefined) {
    throw adminProblem(
      'MOCK_COMMUNITY_NOT_FOUND',
      `no community ${id}; create it with PUT /__admin/sonoran/communities/${id}`,
    );
  }
  return community;
}

export const SONORAN_ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.listSonoranCommunities': (_req, ctx) => ({
    status: 200,
    body: { communities: [...ctx.state().sonoran.communities()].map(viewCommunity) },
  }),

  'admin.getSonoranCommunity': (req, ctx) => ({
    status: 200,
    body: viewCommunity(existingCommunity(req, ctx.state(), ctx.registry)),
  }),

  'admin.putSonoranCommunity': (req, ctx) => {
    const id = communityId(req, ctx.registry);
    const input = req.body as CommunityInput & { id?: string };
    if (input.id !== undefined && input.id !== id) {
      throw adminProblem('MOCK_INCONSISTENT_COMMUNITY', `the body's id "${input.id}" differs from the path's "${id}"`);
    }
    const limit = tooManyMembers(id, input.members?.length ?? 0, ctx.config);
    if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
    const built = buildCommunity(id, input);
    if (!built.ok) throw adminProblem('MOCK_INCONSISTENT_COMMUNITY', built.problem);
    ctx.state().sonoran.setCommunity(built.community);
    return { status: 200, body: viewCommunity(built.community) };
  },

  'admin.deleteSonoranCommunity': (req, ctx) => {
    const state = ctx.state();
    state.sonoran.deleteCommunity(existingCommunity(req, state, ctx.registry).id);
    return { status: 204 };
  },

  'admin.getSonoranMember': (req, ctx) => {
    const community = existingCommunity(req, ctx.state(), ctx.registry);
    const accId = req.params.accId ?? '';
    const member = community.members.get(accId);
    if (member === undefined) {
      throw adminProblem('MOCK_MEMBER_NOT_FOUND', `community ${community.id} has no member ${accId}`);
    }
    return { status: 200, body: viewMember(member) };
  },
};
