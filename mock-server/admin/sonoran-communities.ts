/** Control API for Sonoran Radio: communities, their key, channels and members. */
import { Router, type Request } from 'express';

import type { ContractRegistry } from '../../contracts/registry';
import { buildCommunity, viewCommunity, viewMember } from '../apis/sonoran-radio/semantics';
import type { Community, CommunityInput } from '../apis/sonoran-radio/types';
import { readRawBody } from '../http/body';
import type { RouteDeps } from '../http/deps';
import { methodNotAllowed } from '../http/routing';
import { adminProblem } from './errors';
import { tooManyMembers } from '../limits';
import { answerAfterCommit, readAdminBody } from './read-body';

const COMMUNITY_ID = 'urn:perm-mock:admin:sonoran-radio#/$defs/communityId';
const COMMUNITY_INPUT = 'urn:perm-mock:admin:sonoran-radio#/$defs/communityInput';

function communityId(req: Request, registry: ContractRegistry): string {
  const id = String(req.params.id);
  if (registry.validate(COMMUNITY_ID, id).length > 0) {
    throw adminProblem(
      'MOCK_INVALID_COMMUNITY_ID',
      `"${id}" is not a community id: use 1 to 128 letters, digits, '-' or '_'`,
    );
  }
  return id;
}

export function createSonoranAdminRouter(deps: RouteDeps): Router {
  const router = Router();
  const { registry, config } = deps;
  const body = readRawBody(config.bodyLimit);

  const existingCommunity = (req: Request): Community => {
    const id = communityId(req, registry);
    const community = deps.stateFor(req).sonoran.getCommunity(id);
    if (community === undefined) {
      throw adminProblem(
        'MOCK_COMMUNITY_NOT_FOUND',
        `no community ${id}; create it with PUT /__admin/sonoran/communities/${id}`,
      );
    }
    return community;
  };

  router
    .route('/communities')
    .get((req, res) => {
      res.json({ communities: [...deps.stateFor(req).sonoran.communities()].map(viewCommunity) });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/communities/:id')
    .get((req, res) => {
      res.json(viewCommunity(existingCommunity(req)));
    })
    .put(body, (req, res) => {
      const id = communityId(req, registry);
      const input = readAdminBody<CommunityInput & { id?: string }>(req, registry, COMMUNITY_INPUT);
      if (input.id !== undefined && input.id !== id) {
        throw adminProblem(
          'MOCK_INCONSISTENT_COMMUNITY',
          `the body's id "${input.id}" differs from the path's "${id}"`,
        );
      }
      const limit = tooManyMembers(id, input.members?.length ?? 0, config);
      if (limit !== undefined) throw adminProblem('MOCK_LIMIT_EXCEEDED', limit);
      const built = buildCommunity(id, input);
      if (!built.ok) throw adminProblem('MOCK_INCONSISTENT_COMMUNITY', built.problem);
      const state = deps.stateFor(req);
      state.sonoran.setCommunity(built.community);
      answerAfterCommit(req, res, state, 200, viewCommunity(built.community));
    })
    .delete((req, res) => {
      const community = existingCommunity(req);
      const state = deps.stateFor(req);
      state.sonoran.deleteCommunity(community.id);
      answerAfterCommit(req, res, state, 204);
    })
    .all(methodNotAllowed(['GET', 'PUT', 'DELETE']));

  router
    .route('/communities/:id/members/:accId')
    .get((req, res) => {
      const community = existingCommunity(req);
      const accId = String(req.params.accId);
      const member = community.members.get(accId);
      if (member === undefined) {
        throw adminProblem('MOCK_MEMBER_NOT_FOUND', `community ${community.id} has no member ${accId}`);
      }
      res.json(viewMember(member));
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
