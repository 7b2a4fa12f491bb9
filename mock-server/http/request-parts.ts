/** Small readers of a request's parts, shared by both serving paths. */
import type { Violation } from '../../contracts/messages';

/** Shared by every request without a query string (handlers only read it). */
const NO_QUERY = new URLSearchParams();

export function queryOf(url: string, at: number): URLSearchParams {
  return at === -1 || at === url.length - 1 ? NO_QUERY : new URLSearchParams(url.slice(at + 1));
}

export function decodeParams(raw: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [name, value] of Object.entries(raw)) {
      params[name] = value.includes('%') ? decodeURIComponent(value) : value;
    }
  } catch {
    return undefined;
  }
  return params;
}

/** Violations as the texts a journal keeps. */
export const texts = (violations: readonly Violation[]): string[] => violations.map((v) => v.text);

/** How much of a body that is not JSON the journal keeps, as text. */
export const BODY_TEXT_LIMIT = 4096;
