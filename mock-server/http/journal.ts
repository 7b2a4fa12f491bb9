/**
 * The request journal: what each request to a mocked API asked, what the mock answered, why a
 * refusal happened and what a client author should know. Bounded: past `limit` entries the oldest
 * is dropped, so a long-running mock does not grow without end.
 */
export type JournalApi = 'daily' | 'sonoran';

export interface JournalEntry {
  /** Matches the X-Perm-Mock-Request-Id response header. */
  readonly id: string;
  /** ISO 8601, when the request arrived. */
  readonly time: string;
  readonly api: JournalApi;
  /** Contract operation id, e.g. `daily.updatePermissions`; null for a path no operation serves. */
  readonly operation: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request: {
    readonly headers: Readonly<Record<string, unknown>>;
    /** The parsed JSON body; absent when the body was empty or not JSON. */
    readonly body?: unknown;
    /** The body as text (first 4 KiB) when it was not JSON, so a client author can see what was sent. */
    readonly bodyText?: string;
  };
  readonly response: { readonly body: unknown };
  /** Why the request was refused: a stable code and the precise message; null when it succeeded. */
  readonly reason: { readonly code: string; readonly message: string } | null;
  /** Did the request meet its contract, and if not, every violation found. */
  readonly contract: { readonly valid: boolean; readonly violations: readonly string[] };
  readonly warnings: readonly string[];
  readonly durationMs: number;
}

export const DEFAULT_JOURNAL_LIMIT = 1000;

export interface JournalFilter {
  readonly api?: JournalApi;
  /** An exact path, or a prefix ending in `*` (`/v1/rooms/*`). The query string is not compared. */
  readonly path?: string;
  /** Only requests that met (true) or broke (false) their contract. */
  readonly valid?: boolean;
}

function pathMatches(pattern: string, url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/** Does an entry pass a filter? */
export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.api === undefined || entry.api === filter.api) &&
    (filter.path === undefined || pathMatches(filter.path, entry.path)) &&
    (filter.valid === undefined || entry.contract.valid === filter.valid)
  );
}

export class Journal {
  private readonly ring: (JournalEntry | undefined)[];
  private next = 0;
  private size = 0;
  private sequence = 0;

  constructor(readonly limit: number = DEFAULT_JOURNAL_LIMIT) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`journal limit must be a whole number ≥ 0, got ${limit}`);
    this.ring = new Array<JournalEntry | undefined>(limit);
  }

  /** A new request id (also used when the journal keeps nothing). */
  nextId(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  record(entry: JournalEntry): void {
    if (this.limit === 0) return;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.limit;
    this.size = Math.min(this.size + 1, this.limit);
  }

  /** Entries oldest first, optionally filtered. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    return this.all().filter((entry) => matchesFilter(entry, filter));
  }

  private all(): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.next - this.size + this.limit) % Math.max(this.limit, 1);
    for (let i = 0; i < this.size; i += 1) {
      const entry = this.ring[(start + i) % this.limit];
      if (entry !== undefined) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
