/**
 * The request journal: what each request to a mocked API asked, what the mock answered, why a
 * refusal happened and what a client author should know. Bounded: past `limit` entries the oldest
 * is dropped, so a long-running mock does not grow without end.
 */
export type JournalApi = 'daily' | 'sonoran';

/** One entity a request changed: a Daily room or participant, a Sonoran community, member or connected radio user. */
export interface ChangedEntity {
  readonly api: JournalApi;
  readonly kind: 'room' | 'participant' | 'community' | 'member' | 'radioUser';
  /** The room name, session id, community id, account id or radio identity. */
  readonly id: string;
  /** A participant's Daily room. */
  readonly room?: string;
  /** A member's or radio user's Sonoran community. */
  readonly community?: string;
  /** A radio user's Sonoran room. */
  readonly radioRoom?: number;
  /** As it was before the request (null: it did not exist), and after (null: it is gone). */
  readonly before: unknown;
  readonly after: unknown;
}

/** What a request changed, entity by entity, bounded: past the bound, entities are only counted. */
export interface StateChanges {
  readonly entities: readonly ChangedEntity[];
  /** Entities changed but not listed (past the bound). */
  readonly omitted: number;
}

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
    /** The parsed JSON body; absent when the body was empty, not JSON, or too large to keep. */
    readonly body?: unknown;
    /** The body as text (first 4 KiB) when it was not JSON or too large to keep whole. */
    readonly bodyText?: string;
    /** With a body too large to keep whole: its size in bytes and its SHA-256 (hex). */
    readonly bodySize?: number;
    readonly bodySha256?: string;
  };
  /** The answer's body; a body too large to keep whole is its first 4 KiB as `bodyText`, with its size. */
  readonly response: { readonly body: unknown; readonly bodyText?: string; readonly bodySize?: number };
  /** Why the request was refused: a stable code and the precise message; null when it succeeded. */
  readonly reason: { readonly code: string; readonly message: string } | null;
  /** Did the request meet its contract, and if not, every violation found. */
  readonly contract: { readonly valid: boolean; readonly violations: readonly string[] };
  readonly warnings: readonly string[];
  readonly durationMs: number;
  /**
   * What the request changed in the state (before and after of each entity), recorded while an
   * inspector or another /__admin/events client watches the namespace; absent otherwise.
   */
  readonly changes?: StateChanges;
  /** Through the validating proxy: what the upstream answered, and whether that met its contract. */
  readonly upstream?: {
    readonly url: string;
    readonly status: number;
    readonly contract: { readonly valid: boolean; readonly violations: readonly string[] };
    readonly ms: number;
  };
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

/** Bodies larger than this are kept as a prefix, their size and their hash. */
export const KEEP_BODY_BYTES = 64 * 1024;
/** How much of a body too large to keep is kept, as text. */
export const BODY_PREFIX_BYTES = 4096;
export const DEFAULT_JOURNAL_MAX_BYTES = 64 * 1024 * 1024;

/** What an entry costs the journal, roughly: its bodies and headers as text, plus a fixed overhead. */
export function entryBytes(entry: JournalEntry, requestBytes: number, responseBytes: number): number {
  let headers = 0;
  for (const [name, value] of Object.entries(entry.request.headers)) headers += name.length + String(value).length + 4;
  const changes = entry.changes === undefined ? 0 : JSON.stringify(entry.changes).length;
  return (
    512 +
    headers +
    requestBytes +
    responseBytes +
    entry.path.length +
    entry.contract.violations.join('').length +
    changes
  );
}

interface Stored {
  readonly entry: JournalEntry;
  readonly bytes: number;
}

/**
 * Bounded twice: at most `limit` entries and about `maxBytes` of them (the oldest go first), so
 * neither many requests nor a few large ones grow a long-running mock without end.
 */
export class Journal {
  private items: Stored[] = [];
  private head = 0;
  private total = 0;
  private sequence = 0;

  constructor(
    readonly limit: number = DEFAULT_JOURNAL_LIMIT,
    readonly maxBytes: number = DEFAULT_JOURNAL_MAX_BYTES,
  ) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`journal limit must be a whole number ≥ 0, got ${limit}`);
    if (!Number.isInteger(maxBytes) || maxBytes < 0)
      throw new RangeError(`journal byte limit must be a whole number ≥ 0, got ${maxBytes}`);
  }

  /** A new request id (also used when the journal keeps nothing). */
  nextId(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  /** Keep an entry that costs about `bytes`; the oldest entries go while either bound is passed. */
  record(entry: JournalEntry, bytes = 1024): void {
    if (this.limit === 0 || this.maxBytes === 0) return;
    this.items.push({ entry, bytes });
    this.total += bytes;
    while (this.count > this.limit || (this.total > this.maxBytes && this.count > 1)) this.dropOldest();
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Entries kept. */
  get count(): number {
    return this.items.length - this.head;
  }

  /** About how many bytes the entries kept hold. */
  get bytes(): number {
    return this.total;
  }

  /** Entries oldest first, optionally filtered. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = this.head; i < this.items.length; i += 1) {
      const entry = this.items[i]?.entry;
      if (entry !== undefined && matchesFilter(entry, filter)) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.total = 0;
  }

  private dropOldest(): void {
    const oldest = this.items[this.head];
    this.items[this.head] = undefined as unknown as Stored;
    this.head += 1;
    this.total -= oldest?.bytes ?? 0;
  }
}
