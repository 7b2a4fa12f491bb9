/**
 * Daily's /webhooks endpoints. Creating or changing a webhook first checks its URL as Daily does:
 * a POST of `{"test":"test"}` that must be answered 200 in time (the attempt is recorded like every
 * delivery). Deliveries themselves are the namespace deliverer's (deliverer.ts).
 */
import { delivered, verifyWebhookUrl, type HttpOutcome } from './deliverer';
import { randomSecret } from './ids';
import { authenticate, checkedJson, isRefused, refuse, type DailyHandler } from './requests';
import type { DailyStore } from './store';
import type { Webhook } from './types';
import { RETRY_TYPES, SENT_EVENT_TYPES, settingsProblem, type WebhookSettings } from './webhooks';

function notFound(uuid: string) {
  return refuse('DAILY_WEBHOOK_NOT_FOUND', `webhook ${uuid.slice(0, 128)} not found`);
}

/** Verify the URL and record the attempt; the refusal when it did not answer 200. */
async function verify(
  store: DailyStore,
  uuid: string,
  settings: Pick<Webhook, 'url' | 'hmac' | 'basicAuth'>,
  nowMs: number,
  options: { transport: Parameters<typeof verifyWebhookUrl>[0]; webhookTimeoutMs: number },
  warnings: readonly string[],
) {
  const outcome: HttpOutcome = await verifyWebhookUrl(options.transport, settings, nowMs, options.webhookTimeoutMs);
  const ok = delivered(outcome);
  store.recordAttempt({
    at: new Date(nowMs).toISOString(),
    webhook: uuid,
    kind: 'verification',
    eventId: null,
    eventType: null,
    attempt: 1,
    url: settings.url,
    status: outcome.status,
    ok,
    error: outcome.error ?? (ok ? null : `answered ${outcome.status ?? 'nothing'}, not 200`),
    durationMs: outcome.durationMs,
    nextAttemptAt: null,
  });
  if (ok) return undefined;
  const got = outcome.status === null ? (outcome.error ?? 'no answer') : `status ${outcome.status}`;
  return refuse(
    'DAILY_WEBHOOK_UNVERIFIED',
    `non-200 status code returned from webhook endpoint (${got})`,
    `the verification POST of {"test":"test"} to ${settings.url} did not get 200 within ${options.webhookTimeoutMs} ms: ${got}`,
    warnings,
  );
}

const createWebhook: DailyHandler = async (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send {"url": "https://…", "eventTypes"?: [...]}' });
  if (isRefused(read)) return read;
  const settings = read.value as WebhookSettings & { url: string };
  const problem = settingsProblem(settings);
  if (problem !== undefined) return refuse('DAILY_REQUEST_INVALID', problem, problem, read.warnings);
  if (store.webhooks().length > 0) {
    return refuse('DAILY_WEBHOOK_LIMIT', 'a domain may only have one webhook', undefined, read.warnings);
  }
  const uuid = store.uuid();
  const hmac = settings.hmac ?? randomSecret(store.runtime.randomBytes);
  const basicAuth = settings.basicAuth ?? null;
  const nowMs = req.now.getTime();
  const failed = await verify(store, uuid, { url: settings.url, hmac, basicAuth }, nowMs, options, read.warnings);
  if (failed !== undefined) return failed;
  // Another webhook may have been made while this URL was checked.
  if (store.webhooks().length > 0) {
    return refuse('DAILY_WEBHOOK_LIMIT', 'a domain may only have one webhook', undefined, read.warnings);
  }
  const now = new Date(nowMs).toISOString();
  const webhook: Webhook = {
    uuid,
    url: settings.url,
    hmac,
    basicAuth,
    eventTypes: settings.eventTypes ?? [...SENT_EVENT_TYPES],
    retryType: settings.retryType ?? (RETRY_TYPES[0] as Webhook['retryType']),
    state: 'ACTIVE',
    failedCount: 0,
    domainId: store.domain.id,
    createdAt: now,
    updatedAt: now,
    lastMomentPushed: null,
  };
  store.putWebhook(webhook);
  return { status: 200, body: webhook, warnings: read.warnings };
};

const listWebhooks: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  return { status: 200, body: store.webhooks() };
};

const getWebhook: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const webhook = store.getWebhook(req.params.uuid ?? '');
  return webhook === undefined ? notFound(req.params.uuid ?? '') : { status: 200, body: webhook };
};

const updateWebhook: DailyHandler = async (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send the fields to change: url, eventTypes, hmac, basicAuth, retryType' });
  if (isRefused(read)) return read;
  const uuid = req.params.uuid ?? '';
  const current = store.getWebhook(uuid);
  if (current === undefined) return { ...notFound(uuid), warnings: read.warnings };
  const settings = read.value as WebhookSettings;
  const problem = settingsProblem(settings);
  if (problem !== undefined) return refuse('DAILY_REQUEST_INVALID', problem, problem, read.warnings);
  const next = {
    url: settings.url ?? current.url,
    hmac: settings.hmac ?? current.hmac,
    basicAuth: settings.basicAuth === undefined ? current.basicAuth : settings.basicAuth,
  };
  const nowMs = req.now.getTime();
  const failed = await verify(store, uuid, next, nowMs, options, read.warnings);
  if (failed !== undefined) return failed;
  const latest = store.getWebhook(uuid);
  if (latest === undefined) return { ...notFound(uuid), warnings: read.warnings };
  const webhook: Webhook = {
    ...latest,
    ...next,
    eventTypes: settings.eventTypes ?? latest.eventTypes,
    retryType: settings.retryType ?? latest.retryType,
    state: 'ACTIVE',
    failedCount: 0,
    updatedAt: new Date(nowMs).toISOString(),
  };
  store.putWebhook(webhook);
  const warnings = [...read.warnings];
  if (latest.state === 'FAILED') warnings.push(`webhook ${uuid} was FAILED; it is ACTIVE again`);
  return { status: 200, body: webhook, warnings };
};

const deleteWebhook: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const uuid = req.params.uuid ?? '';
  if (!store.deleteWebhook(uuid)) return notFound(uuid);
  return { status: 200, body: { deleted: true, uuid } };
};

export const WEBHOOK_HANDLERS: Readonly<Record<string, DailyHandler>> = {
  'daily.createWebhook': createWebhook,
  'daily.listWebhooks': listWebhooks,
  'daily.getWebhook': getWebhook,
  'daily.updateWebhook': updateWebhook,
  'daily.deleteWebhook': deleteWebhook,
};
