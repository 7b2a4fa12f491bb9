/**
 * The seam between the shared plumbing and a mocked API. Values flow one way: the dispatcher hands
 * an operation's handler a read-only request (already routed, read, decoded and checked against its
 * contract) and that API's store; the handler returns a result. A refusal is a code that the API's
 * own errors.ts renders in the upstream format; the plumbing journals and answers from the result.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { SurfaceId } from '../../contracts/operations';

/** What decoding a body as UTF-8 JSON gave. */
export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: 'empty' | 'utf8' | 'syntax' | 'depth'; readonly detail: string };

/** A query string, read-only. */
export interface ReadonlyQuery {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  keys(): IterableIterator<string>;
}

export interface ApiRequest {
  readonly method: string;
  /** The path as the API sees it: any `/ns/<name>` prefix removed, no query. */
  readonly path: string;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: ReadonlyQuery;
  readonly headers: Readonly<IncomingHttpHeaders>;
  readonly body: {
    /** The raw bytes (empty when none were sent). */
    readonly raw: Buffer;
    readonly contentType: string | undefined;
    /** The Content-Type is `application/json`. */
    readonly jsonType: boolean;
    readonly json: JsonRead;
  };
  /**
   * The request's contract check, done by the plumbing from the operation table: `all` (auth header,
   * content type, body) is what the journal records; `body` holds the body schema's own violations.
   */
  readonly contract: { readonly all: readonly string[]; readonly body: readonly string[] };
  /** "Now" on the namespace's clock. */
  readonly now: Date;
  readonly namespace: string;
  /** The client's address (loopback for local clients). */
  readonly remoteAddress: string;
}

/** A success: the status and body to send, and what the client author should hear about. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly warnings?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal: a code of the API's error catalogue, the upstream text, and the precise reason for diagnostics. */
export interface ApiRefusal {
  readonly refuse: string;
  /** The text the upstream body carries (Daily's `info`, v2's `detail`); the reason when absent. */
  readonly info?: string;
  /** The precise reason: the journal and the X-Perm-Mock-Reason header. */
  readonly why: string;
  readonly warnings?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

export type ApiResult = ApiAnswer | ApiRefusal;

export function isRefusal(result: ApiResult): result is ApiRefusal {
  return 'refuse' in result;
}

/** An answer on the wire: what a rendered refusal becomes. */
export interface WireAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Where a refusal is answered: its surface, the path asked for and the request's id in the journal. */
export interface RenderContext {
  readonly surface: SurfaceId;
  readonly path: string;
  readonly requestId: string;
}

/** The reasons the plumbing itself refuses a request; each API names its own code for each. */
export type PlumbingReason =
  | 'notFound'
  | 'methodNotAllowed'
  | 'malformedPath'
  | 'bodyTooLarge'
  | 'bodyUnreadable'
  | 'rateLimited'
  | 'storageFailed'
  | 'namespace'
  | 'internal';

export interface HandlerContext<Store, Options> {
  readonly store: Store;
  readonly options: Options;
}

/**
 * A handler returns its result, or a promise of it when the answer waits on something outside the
 * mock (a webhook URL's verification, a token's signature check). Either way it changes the store
 * only once it has decided, so a refusal still changes nothing.
 */
export type OperationHandler<Store, Options> = (
  req: ApiRequest,
  ctx: HandlerContext<Store, Options>,
) => ApiResult | Promise<ApiResult>;

/** Everything the dispatcher needs of one mocked API. */
export interface MockedApi<Store, Options> {
  readonly api: 'daily' | 'sonoran';
  /** One handler per operation id of this API in the operation table (checked at boot). */
  readonly handlers: Readonly<Record<string, OperationHandler<Store, Options>>>;
  /** The upstream status and body of a refusal code, in the format of the surface it is answered on. */
  render(code: string, detail: string, at: RenderContext): WireAnswer;
  /** The code of each refusal the plumbing makes. */
  readonly plumbing: Readonly<Record<PlumbingReason, string>>;
  /** The code whose answer an injected status stands for. */
  faultCode(status: number): string;
  /** What a per-key rate limit counts this request under (the API key it carries); '' when none. */
  rateKey?(req: ApiRequest): string;
}

/**
 * One change as a store describes it, for the state file's change log: replaying it on the store
 * (`replay`) makes the same change. Stores tell their recorder of each change as they make it.
 */
export interface ChangeRecord {
  readonly api: 'daily' | 'sonoran';
  readonly op: string;
  readonly args: unknown;
}

export type ChangeRecorder = (change: ChangeRecord) => void;
