/** Writing answers with plain node:http calls: JSON bodies, problems, the diagnostic headers. */
import type { ServerResponse } from 'node:http';

import { jsonChunks } from '../persistence/json-stream';
import { diagnosticHeaders, type Diagnosis } from './diagnostics';

export const JSON_UTF8 = 'application/json; charset=utf-8';

export interface Outgoing {
  readonly status: number;
  /** Sent as JSON text (or as it is, when `raw`); undefined sends no body. */
  readonly body: unknown;
  /** The body is text to send as it is (XML, Markdown), not a value to write as JSON. */
  readonly raw?: boolean;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Send an answer in one write: the status line, every header (as one flat list) and the JSON text (returned). */
export function send(res: ServerResponse, answer: Outgoing, diagnosis: Diagnosis = {}): string {
  const headers = diagnosticHeaders(diagnosis);
  if (answer.headers !== undefined)
    for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return '';
  }
  const text = answer.raw === true && typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  headers.push('Content-Type', answer.contentType, 'Content-Length', String(Buffer.byteLength(text)));
  res.writeHead(answer.status, headers);
  res.end(text);
  return text;
}

/**
 * Send a JSON answer piece by piece (chunked), waiting whenever the socket's buffer is full: the
 * text is never built whole, so neither its size nor a slow reader can exhaust memory.
 */
export async function sendStream(res: ServerResponse, answer: Outgoing): Promise<void> {
  const headers: string[] = [];
  if (answer.headers !== undefined)
    for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
  headers.push('Content-Type', answer.contentType);
  res.writeHead(answer.status, headers);
  for (const chunk of jsonChunks(answer.body)) {
    if (res.destroyed) return;
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
  }
  res.end();
}
