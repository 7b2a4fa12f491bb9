/** Writing answers with plain node:http calls: JSON bodies, problems, the diagnostic headers. */
import type { ServerResponse } from 'node:http';

import { setDiagnosticHeaders, type Diagnosis } from './diagnostics';

export const JSON_UTF8 = 'application/json; charset=utf-8';

export interface Outgoing {
  readonly status: number;
  /** Sent as JSON text; undefined sends no body. */
  readonly body: unknown;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Send an answer; returns the text sent (empty without a body). */
export function send(res: ServerResponse, answer: Outgoing, diagnosis: Diagnosis = {}): void {
  setDiagnosticHeaders(res, diagnosis);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.statusCode = answer.status;
  if (answer.body === undefined) {
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
