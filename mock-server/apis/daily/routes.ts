/**
 * Daily's operations: each handler reads the request the plumbing parsed and checked, applies the
 * semantics to its store and returns Daily's answer or a refusal code. Refusals follow this
 * precedence: the Authorization header, then the API key, then the body, then the room and its
 * call. The rooms, tokens, calls and webhooks handlers live beside this file; this one holds
 * update-permissions, the domain, and Daily as the dispatcher serves it.
 */
import type { MockedApi } from '../seam';
import { DAILY_PLUMBING, dailyFaultCode, renderDailyError } from './errors';
import {
  authenticate,
  checkedJson,
  contractRefusal,
  field,
  isRecord,
  isRefused,
  readJson,
  refuse,
  visibleRoom,
  type DailyHandler,
  type DailyOptions,
} from './requests';
import { checkProperties, DOMAIN_PROPERTIES, domainJson, mergeProperties } from './rooms';
import { CALL_HANDLERS } from './routes-calls';
import { ROOM_HANDLERS } from './routes-rooms';
import { TOKEN_HANDLERS } from './routes-tokens';
import { WEBHOOK_HANDLERS } from './routes-webhooks';
import { applyPermissionsUpdate } from './semantics';
import type { DailyStore } from './store';
import type { UpdatePermissionsBody } from './types';

export type { DailyOptions } from './requests';

const updatePermissions: DailyHandler = (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send a JSON object with a "data" field' });
  if (isRefused(read)) return read;

  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return { ...room, warnings: read.warnings };
  const outcome = applyPermissionsUpdate(room, (read.value as UpdatePermissionsBody).data, {
    strict: options.strict,
    maxAmplificationBytes: options.maxAmplificationBytes,
    interner: store.interner,
  });
  if (!outcome.ok) return refuse(outcome.code, outcome.info, outcome.why ?? outcome.info, read.warnings);

  if (outcome.changes.size > 0) store.patchParticipants(room.name, outcome.changes);
  return { status: 200, body: options.successBody, warnings: [...read.warnings, ...outcome.warnings] };
};

const getDomain: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  return { status: 200, body: domainJson(store.domain) };
};

const setDomain: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = readJson(req, { hint: 'send {"properties": {…}}' });
  if (isRefused(read)) return read;
  const properties = field(read.value, 'properties');
  const checked = isRecord(properties)
    ? checkProperties(DOMAIN_PROPERTIES, properties, req.now.getTime(), 'domain')
    : { ok: true as const, warnings: [] };
  if (!checked.ok) return refuse('DAILY_PROPERTY_INVALID', checked.info, checked.info, read.warnings);
  const broken = contractRefusal(read);
  if (broken !== undefined) return broken;
  store.setDomainConfig(mergeProperties(DOMAIN_PROPERTIES, store.domain.config, properties as Record<string, unknown>));
  return { status: 200, body: domainJson(store.domain), warnings: [...read.warnings, ...checked.warnings] };
};

/** Daily as the dispatcher serves it. */
export const DAILY_API: MockedApi<DailyStore, DailyOptions> = {
  api: 'daily',
  handlers: {
    'daily.updatePermissions': updatePermissions,
    'daily.getDomain': getDomain,
    'daily.setDomain': setDomain,
    ...ROOM_HANDLERS,
    ...TOKEN_HANDLERS,
    ...CALL_HANDLERS,
    ...WEBHOOK_HANDLERS,
  },
  render: (code, detail) => renderDailyError(code, detail),
  plumbing: DAILY_PLUMBING,
  faultCode: dailyFaultCode,
};
