/**
 * One call to a mocked API, from arrival to answer: it gets a request id, and when it is answered
 * the diagnostic headers are set, the JSON body is sent, and the journal and the log record it.
 * Plain node:http objects only, so the same code serves Express and the server's fast path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

import { FAULT_REASONS } from '../faults';
import { setDiagnosticHeaders } from './diagnostics';
import type { Journal, JournalApi } from './journal';

export interface CallRecord {
  readonly id: string;
  readonly time: string;
  readonly started: number;
  readonly api: JournalApi;
  readonly operation: string;
  /** The parsed request body, once it has been read. */
  body?: unknown;
  /** The start of the body as text, when it was not JSON. */
  bodyText?: string;
  /** Contract violations of the request, once it has been checked. */
  violations: readonly string[];
}

export interface CallOutcome {
  readonly status: number;
  readonly body: unknown;
  /** The call changed the state (so it must be durable before it is acknowledged). */
  readonly changed?: boolean;
  readonly reason?: { readonly code: string; readonly message: string };
  readonly warnings?: readonly string[];
  /** Extra response headers (e.g. Retry-After). */
  readonly headers?: Readonly<Record<string, string>>;
}

export function beginCall(journal: Journal, api: JournalApi, operation: string, now: Date): CallRecord {
  return { id: journal.nextId(), time: now.toISOString(), started: performance.now(), api, operation, violations: [] };
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/** Send a JSON answer with plain node:http calls. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_UTF8);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function finishCall(
  req: IncomingMessage,
  res: ServerResponse,
  journal: Journal,
  logger: Logger,
  call: CallRecord,
  outcome: CallOutcome,
): void {
  const reasonText = outcome.reason === undefined ? undefined : `${outcome.reason.code}: ${outcome.reason.message}`;
  setDiagnosticHeaders(res, { requestId: call.id, reason: reasonText, warnings: outcome.warnings });
  for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
  sendJson(res, outcome.status, outcome.body);
  record(req, journal, logger, call, outcome, reasonText);
}

/** A call answered by closing the connection (an injected fault): journaled with status 0. */
export function dropCall(
  req: IncomingMessage,
  res: ServerResponse,
  journal: Journal,
  logger: Logger,
  call: CallRecord,
  why: string,
): void {
  const outcome: CallOutcome = { status: 0, body: null, reason: { code: FAULT_REASONS.dropped, message: why } };
  res.destroy();
  record(req, journal, logger, call, outcome, `${FAULT_REASONS.dropped}: ${why}`);
}

function record(
  req: IncomingMessage,
  journal: Journal,
  logger: Logger,
  call: CallRecord,
  outcome: CallOutcome,
  reasonText: string | undefined,
): void {
  const durationMs = Math.round((performance.now() - call.started) * 1000) / 1000;
  const warnings = outcome.warnings ?? [];
  const path = req.url ?? '';
  journal.record({
    id: call.id,
    time: call.time,
    api: call.api,
    operation: call.operation,
    method: req.method ?? 'POST',
    path,
    status: outcome.status,
    request: {
      headers: req.headers,
      ...(call.body !== undefined && { body: call.body }),
      ...(call.bodyText !== undefined && { bodyText: call.bodyText }),
    },
    response: { body: outcome.body },
    reason: outcome.reason ?? null,
    contract: { valid: call.violations.length === 0, violations: call.violations },
    warnings,
    durationMs,
  });
  if (logger.isLevelEnabled('info')) {
    logger.info(
      {
        requestId: call.id,
        api: call.api,
        status: outcome.status,
        ms: durationMs,
        ...(outcome.reason !== undefined && { reason: reasonText }),
        ...(warnings.length > 0 && { warnings }),
      },
      `${req.method ?? 'POST'} ${path} -> ${outcome.status}`,
    );
  }
}
