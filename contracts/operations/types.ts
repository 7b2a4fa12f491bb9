/**
 * The shape of the operation table: every HTTP operation perm-mock serves, with the schema of its
 * request and of each answer. The dispatcher, the OpenAPI documents, the matchers, the fault and
 * rate-limit checks, the help texts and the docs all read these rows.
 */
export type ApiName = 'daily' | 'sonoran' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A surface is one wire dialect: the paths it owns and the error format it answers in. Sonoran
 * Radio has two (v1's terse bodies, v2's problem+json), each other API one.
 */
export type SurfaceId = 'daily' | 'sonoran-v1' | 'sonoran-v2' | 'admin';

export const JSON_TYPE = 'application/json';
export const PROBLEM_TYPE = 'application/problem+json';

export interface ResponseContract {
  readonly description: string;
  /** Schema id of the body; absent for a response without a body (204). */
  readonly schema?: string;
  readonly contentType?: string;
  /** An answer of the mock's own (e.g. 413 over the body limit), never one the upstream documents. */
  readonly mockOnly?: boolean;
}

export interface RequestContract {
  readonly schema: string;
  readonly contentType: string;
  /** `bearer`: the request must carry `Authorization: Bearer <key>`. */
  readonly auth?: 'bearer';
  /** The body may be left out entirely (an empty body is then not a violation). */
  readonly optional?: boolean;
}

/** A query parameter an operation reads (all optional): shown in the OpenAPI document and the route pages. */
export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  /** A JSON Schema of the (text) value, for the OpenAPI document. */
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface OperationContract {
  readonly id: string;
  readonly api: ApiName;
  readonly surface: SurfaceId;
  readonly method: HttpMethod;
  /** OpenAPI-style path template, e.g. `/v1/rooms/{name}/update-permissions`. */
  readonly path: string;
  readonly summary: string;
  readonly request?: RequestContract;
  /** Bearer auth without a body (GET, DELETE): checked like a request's. */
  readonly auth?: 'bearer';
  /** The query parameters it reads (the handler checks their values). */
  readonly query?: readonly QueryParameter[];
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /** The rate-limit bucket it counts against when its API's limits are switched on (see RATE_BUCKETS). */
  readonly rateLimit?: string;
  /** Control API only: served without the admin token (the health check). */
  readonly open?: boolean;
  /**
   * Control API only: a file of the inspector page, served without the admin token (it holds no
   * data; the token is entered on it) but, like every control-API call, refused to other sites.
   */
  readonly page?: boolean;
}

export interface SurfaceContract {
  readonly id: SurfaceId;
  readonly api: ApiName;
  readonly title: string;
  /** Paths starting with one of these belong to the surface (the longest prefix wins). */
  readonly prefixes: readonly string[];
  /** Answers any path of the surface may give, whatever its operation says (unknown path, wrong method, a fault in the mock). */
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

export interface RateWindow {
  readonly limit: number;
  readonly seconds: number;
}

export interface RateBucket {
  readonly id: string;
  readonly api: ApiName;
  readonly windows: readonly RateWindow[];
  /** What the limit is counted per: the whole namespace, or each API key (Sonoran v2). */
  readonly per: 'namespace' | 'key';
  /** Where the figures come from. */
  readonly source: string;
}

export const problem = (description: string, extra: Partial<ResponseContract> = {}): ResponseContract => ({
  description,
  schema: 'urn:perm-mock:admin:problem',
  contentType: PROBLEM_TYPE,
  ...extra,
});

export const json = (description: string, schema: string, extra: Partial<ResponseContract> = {}): ResponseContract => ({
  description,
  schema,
  contentType: JSON_TYPE,
  ...extra,
});

export const empty = (description: string): ResponseContract => ({ description });
