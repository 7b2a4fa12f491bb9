/** Shell quoting for the curls the banner prints. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What every section of the banner is given. */
export interface BannerContext {
  readonly url: string;
  /** The `-H` argument a control-API curl needs (empty without an admin token). */
  readonly adminHeader: string;
}

/** The banner lists at most this many rooms, participants, communities, members or radio users of each: a large world prints a summary, not every entity. */
export const BANNER_LIST_MAX = 10;

/** At most BANNER_LIST_MAX of `items`, and how many were left out (0 when none). */
export function someOf<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, BANNER_LIST_MAX), more: Math.max(0, items.length - BANNER_LIST_MAX) };
}
