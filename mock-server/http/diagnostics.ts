/**
 * Diagnostic response headers: the precise reason a request was refused and the warnings it earned
 * travel in these headers (and the request journal) even when the upstream error body is terse.
 */
export const REQUEST_ID_HEADER = 'X-Perm-Mock-Request-Id';
export const REASON_HEADER = 'X-Perm-Mock-Reason';
export const WARNINGS_HEADER = 'X-Perm-Mock-Warnings';

const MAX_HEADER_LENGTH = 2000;

/**
 * Make text safe for an HTTP header value: printable ASCII kept, anything else written as \uXXXX
 * (user-supplied ids and keys end up in reasons), and the length capped.
 */
export function headerSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= 0x20 && code <= 0x7e ? char : `\\u${code.toString(16).padStart(4, '0')}`;
    if (out.length > MAX_HEADER_LENGTH) return `${out.slice(0, MAX_HEADER_LENGTH - 3)}...`;
  }
  return out;
}

export interface Diagnosis {
  readonly requestId?: string | undefined;
  readonly reason?: string | undefined;
  readonly warnings?: readonly string[] | undefined;
}

/** The diagnostic headers of an answer, as a flat `[name, value, …]` list for `writeHead`. */
export function diagnosticHeaders(diagnosis: Diagnosis): string[] {
  const headers: string[] = [];
  if (diagnosis.requestId !== undefined) headers.push(REQUEST_ID_HEADER, diagnosis.requestId);
  if (diagnosis.reason !== undefined) headers.push(REASON_HEADER, headerSafe(diagnosis.reason));
  if (diagnosis.warnings !== undefined && diagnosis.warnings.length > 0) {
    headers.push(WARNINGS_HEADER, headerSafe(diagnosis.warnings.join(' | ')));
  }
  return headers;
}
