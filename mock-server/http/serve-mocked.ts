/**
 * Serving a mocked API's request, from arrival to answer: namespace, body, route, contract check,
 * faults, rate limits, the operation's handler, durability, then the answer in the surface's own
 * format, the journal entry and the log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { checkRequest } from '../../contracts/exchange';
import type { OperationContract, RouteMatch, SurfaceContract } from '../../contracts/operations';
import type { ContractRegistry } from '../../contracts/registry';
import {
  isRefusal,
  type ApiRequest,
  type ApiResult,
  type JsonRead,
  type PlumbingReason,
  type WireAnswer,
} from '../apis/seam';
import { adminTokenProblem } from '../admin/auth';
import { FAULT_REASONS } from '../faults';
import { mayGrow, type Namespaces } from '../namespaces';
import type { ResolvedOptions } from '../options';
import type { Verdicts } from '../report/verdicts';
import type { MockState } from '../state';
import { decodeJson, isJsonContentType, readBody, type BodyReadError } from './body';
import { nearMiss, servedList } from './help';
import { BODY_PREFIX_BYTES, entryBytes, KEEP_BODY_BYTES, type JournalEntry, type StateChanges } from './journal';
import type { Observer, StateProbe } from './observe';
import type { MountedApi } from './mount';
import { callUpstream, forwardedHeaders, PROXY_UPSTREAM_HEADER, proxyRecording, type ProxySettings } from './proxy';
import { headerSafe, REQUEST_ID_HEADER } from './diagnostics';
import { writeRecording } from '../../contracts/scenarios/recordings';
import type { ResolvedNamespace } from './namespace';
import { MockProblem } from './problem';
import { BODY_TEXT_LIMIT, decodeParams, texts } from './request-parts';
import { JSON_UTF8, send } from './respond';
import type { SelfCheck } from './self-check';

/** One request to a mocked API on its way through. */
export interface MockedCall {
  /** The request target was malformed (a fragment, neither a path nor a URL): refused as such. */
  readonly targetProblem?: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly api: MountedApi;
  readonly surface: SurfaceContract;
  readonly ns: ResolvedNamespace;
  /** The path as received, namespace prefix removed, query kept: what the journal shows. */
  readonly shown: string;
  readonly started: number;
  readonly operation: OperationContract | undefined;
  state?: MockState;
  id: string;
  /** When it arrived, on the mock's clock. */
  now: Date;
  body?: unknown;
  bodyText?: string;
  /** A body too large to keep whole: its size and hash (bodyText holds its start). */
  bodySize?: number;
  bodySha256?: string;
  /** Bytes of the request body the journal keeps. */
  keptBytes?: number;
  violations: readonly string[];
  /** What the request changed, when someone watched the namespace. */
  changes?: StateChanges;
}

export interface MockedServerDeps {
  readonly verdicts: Verdicts;
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly namespaces: Namespaces;
  readonly selfChecked: SelfCheck;
  readonly observer: Observer;
}

/** What the journal keeps of a request body: all of a small one, the start, size and hash of a large one. */
function keepBody(call: MockedCall, raw: Buffer, json: JsonRead | undefined): void {
  if (raw.length === 0) return;
  if (raw.length > KEEP_BODY_BYTES) {
    call.bodyText = raw.subarray(0, BODY_PREFIX_BYTES).toString('utf8');
    call.bodySize = raw.length;
    call.bodySha256 = createHash('sha256').update(raw).digest('hex');
    call.keptBytes = BODY_PREFIX_BYTES;
    return;
  }
  call.keptBytes = raw.length;
  if (json?.ok === true) call.body = json.value;
  else call.bodyText = raw.subarray(0, BODY_TEXT_LIMIT).toString('utf8');
}

/** The JSON a text holds, or `otherwise` (an empty text is null). */
function parseOr(text: string, otherwise: unknown): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return otherwise;
  }
}

const unreadable: BodyReadError = { type: 'body.unreadable', status: 400, message: 'the body could not be read' };

export function createMockedServer({
  config,
  registry,
  namespaces,
  selfChecked,
  verdicts,
  observer,
}: MockedServerDeps) {
  const { logger } = config;

  const finishMocked = (
    call: MockedCall,
    wire: WireAnswer,
    outcome: { reason?: { code: string; message: string }; warnings?: readonly string[] },
  ): void => {
    const method = call.req.method ?? 'GET';
    const answer = selfChecked(method, call.ns.path, wire);
    const reasonText = outcome.reason === undefined ? undefined : `${outcome.reason.code}: ${outcome.reason.message}`;
    const sent = send(call.res, answer, { requestId: call.id, reason: reasonText, warnings: outcome.warnings });
    record(call, answer.status, answer.body, outcome.reason ?? null, outcome.warnings ?? [], reasonText, sent);
  };

  const record = (
    call: MockedCall,
    status: number,
    body: unknown,
    reason: { code: string; message: string } | null,
    warnings: readonly string[],
    reasonText: string | undefined,
    sentText?: string,
    upstream?: JournalEntry['upstream'],
  ): void => {
    const durationMs = Math.round((performance.now() - call.started) * 1000) / 1000;
    const method = call.req.method ?? 'GET';
    const text = body === undefined || body === null ? '' : (sentText ?? JSON.stringify(body));
    const large = text.length > KEEP_BODY_BYTES;
    const response = large
      ? { body: null, bodyText: text.slice(0, BODY_PREFIX_BYTES), bodySize: Buffer.byteLength(text) }
      : { body };
    const entry: JournalEntry = {
      id: call.id,
      time: call.now.toISOString(),
      api: call.api.api,
      operation: call.operation?.id ?? null,
      method,
      path: call.shown,
      status,
      request: {
        headers: call.req.headers,
        ...(call.body !== undefined && { body: call.body }),
        ...(call.bodyText !== undefined && { bodyText: call.bodyText }),
        ...(call.bodySize !== undefined && { bodySize: call.bodySize, bodySha256: call.bodySha256 ?? '' }),
      },
      response,
      reason,
      contract: { valid: call.violations.length === 0, violations: call.violations },
      warnings,
      durationMs,
      ...(call.changes !== undefined && { changes: call.changes }),
      ...(upstream !== undefined && { upstream }),
    };
    call.state?.journal.record(entry, entryBytes(entry, call.keptBytes ?? 0, large ? BODY_PREFIX_BYTES : text.length));
    if (call.state !== undefined) {
      verdicts.observe(call.ns.name, entry);
      observer.requested(call.ns.name, entry);
    }
    if (logger.isLevelEnabled('info')) {
      logger.info(
        {
          requestId: call.id,
          api: call.api.api,
          ...(call.ns.name !== 'default' && { namespace: call.ns.name }),
          status,
          ms: durationMs,
          ...(reasonText !== undefined && { reason: reasonText }),
          ...(warnings.length > 0 && { warnings }),
        },
        `${method} ${call.shown} -> ${status}`,
      );
    }
  };

  /** Answer with the API's body for one of the plumbing's own refusals. */
  const refuseMocked = (
    call: MockedCall,
    reason: PlumbingReason,
    info: string,
    why: string = info,
    extra: { headers?: Record<string, string>; reasonCode?: string; renderAs?: string } = {},
  ): void => {
    const code = extra.renderAs ?? call.api.plumbing[reason];
    const wire = call.api.render(code, info, { surface: call.surface.id, path: call.ns.path, requestId: call.id });
    finishMocked(
      call,
      { ...wire, headers: { ...wire.headers, ...extra.headers } },
      { reason: { code: extra.reasonCode ?? code, message: why } },
    );
  };

  const answerResult = (call: MockedCall, result: ApiResult): void => {
    if (!isRefusal(result)) {
      const wire: WireAnswer = {
        status: result.status,
        body: result.body,
        contentType: JSON_UTF8,
        ...(result.headers !== undefined && { headers: result.headers }),
      };
      return finishMocked(call, wire, { ...(result.warnings !== undefined && { warnings: result.warnings }) });
    }
    const wire = call.api.render(result.refuse, result.info ?? result.why, {
      surface: call.surface.id,
      path: call.ns.path,
      requestId: call.id,
    });
    finishMocked(
      call,
      { ...wire, headers: { ...wire.headers, ...result.headers } },
      {
        reason: { code: result.refuse, message: result.why },
        ...(result.warnings !== undefined && { warnings: result.warnings }),
      },
    );
  };

  const bodyRefusal = (call: MockedCall, error: BodyReadError): void => {
    call.violations = [`body: ${error.message}`];
    if (error.type === 'entity.too.large') {
      return refuseMocked(call, 'bodyTooLarge', `request body is larger than the ${config.bodyLimit}-byte limit`);
    }
    refuseMocked(call, 'bodyUnreadable', `the request body could not be read: ${error.message}`);
  };

  /** Decode and check the body against the operation's contract: the request the handler reads. */
  const parse = (
    call: MockedCall,
    op: OperationContract,
    params: Record<string, string>,
    raw: Buffer,
    json: JsonRead,
    query: URLSearchParams,
  ): ApiRequest => {
    const { req } = call;
    const contentType = req.headers['content-type'];
    const all: string[] = [];
    let bodyViolations: string[] = [];
    if (json.ok) {
      const checked = texts(checkRequest(op.id, { headers: req.headers, contentType, body: json.value }, registry));
      all.push(...checked);
      bodyViolations = checked.filter((text) => !text.startsWith('headers.') && !text.startsWith('content-type'));
    } else {
      const checked = texts(checkRequest(op.id, { headers: req.headers, contentType, body: undefined }, registry));
      const empty = json.problem === 'empty';
      const optional = op.request === undefined || op.request.optional === true;
      all.push(...checked.filter((text) => !text.startsWith('body')));
      if (!(empty && optional)) all.push(`body: ${json.detail}`);
    }
    call.violations = all;
    return {
      method: req.method ?? 'GET',
      path: call.ns.path,
      params,
      query,
      headers: req.headers,
      body: { raw, contentType, jsonType: isJsonContentType(contentType), json },
      contract: { all, body: bodyViolations },
      now: call.now,
      namespace: call.ns.name,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
  };

  /** Past faults: a rate limit in force may answer; otherwise the operation's handler decides. */
  const decide = (
    call: MockedCall,
    op: OperationContract,
    request: ApiRequest,
    state: MockState,
  ): void | Promise<void> => {
    const admitted = state.rateLimits.admit(op, call.api.rateKey(request), call.now.getTime());
    if (!admitted.ok) {
      const why = `the rate limit switched on for this namespace is exceeded; retry after ${admitted.retryAfter} s`;
      return refuseMocked(call, 'rateLimited', 'rate limit exceeded', why, {
        headers: { 'Retry-After': String(admitted.retryAfter) },
      });
    }
    const before = state.revision;
    const probe = observer.probe(call.ns.name, state, {
      operation: op,
      params: request.params,
      body: request.body.json.ok ? request.body.json.value : undefined,
    });
    const pending = call.api.handle(op.id, request, state);
    if (pending instanceof Promise) return pending.then((result) => settle(call, result, state, before, probe));
    settle(call, pending, state, before, probe);
  };

  /** Answer a handler's result, once any change it made is durable; then tell the observer what changed. */
  const settle = (
    call: MockedCall,
    result: ApiResult,
    state: MockState,
    before: number,
    probe: StateProbe | undefined,
  ): void => {
    if (state.revision === before) {
      if (probe !== undefined) call.changes = { entities: [], omitted: 0 };
      return answerResult(call, result);
    }
    const op = call.operation?.id ?? null;
    const changes = probe?.finish(state);
    if (changes !== undefined) call.changes = changes;
    // A change is durable (a state file) before it is acknowledged; a failed write says so.
    state.commit((error) => {
      if (error === undefined) {
        answerResult(call, result);
        const cause = { kind: 'request', requestId: call.id, operation: op } as const;
        return observer.changed(call.ns.name, state, cause, changes);
      }
      call.changes = undefined; // undone: the state is what the state file holds again
      refuseMocked(
        call,
        'storageFailed',
        'the mock could not store the change',
        `the state file could not be written: ${error.message}`,
      );
      observer.changed(call.ns.name, state, { kind: 'request', requestId: call.id, operation: op }, undefined);
    });
  };

  const serveMocked = async (call: MockedCall, route: RouteMatch, query: URLSearchParams): Promise<void> => {
    const { req, res } = call;
    const method = req.method ?? 'GET';
    let state: MockState;
    try {
      const mayCreate =
        config.adminToken === undefined || adminTokenProblem(config.adminToken, req.headers) === undefined;
      state = namespaces.state(call.ns.name, mayCreate, mayGrow(method));
    } catch (error) {
      if (!(error instanceof MockProblem)) throw error;
      req.resume();
      return refuseMocked(call, 'namespace', error.detail, error.detail, { reasonCode: error.code });
    }
    call.state = state;
    call.id = state.journal.nextId();
    call.now = state.clock.now();

    const read = await readBody(req, config.bodyLimit);
    if (!read.ok && read.error.type === 'request.aborted') return; // the client went away: nobody to answer
    const json = read.ok ? decodeJson(read.raw) : undefined;
    if (read.ok) keepBody(call, read.raw, json);
    if (config.proxy !== undefined && config.proxy.upstreams.has(call.api.api) && call.targetProblem === undefined) {
      if (!read.ok || json === undefined) return bodyRefusal(call, read.ok ? unreadable : read.error);
      return forward(call, route, read.raw, json, query, config.proxy);
    }

    if (call.targetProblem !== undefined) {
      call.violations = [`path: ${call.targetProblem}`];
      return refuseMocked(call, 'malformedPath', call.targetProblem);
    }
    if (route.kind === 'none') {
      const why = `no ${call.surface.title} operation matches ${method} ${call.ns.path}${nearMiss(method, call.ns.path)}. ${servedList(call.surface)}`;
      call.violations = [`path: ${method} ${call.ns.path} is not an operation of ${call.surface.title}`];
      return refuseMocked(
        call,
        'notFound',
        `${method} ${call.ns.path} is not served by perm-mock; see the X-Perm-Mock-Reason header`,
        why,
      );
    }
    if (route.kind === 'method') {
      const allow = route.allowed.join(', ');
      call.violations = [`method: ${method} is not served at ${route.template}`];
      return refuseMocked(
        call,
        'methodNotAllowed',
        `${method} is not served at ${call.ns.path}; this path accepts ${allow}`,
        undefined,
        {
          headers: { Allow: allow },
        },
      );
    }
    const op = route.operation;
    const params = decodeParams(route.rawParams);
    if (params === undefined) {
      call.violations = ['path: not valid percent-encoding'];
      return refuseMocked(call, 'malformedPath', 'the path is not valid percent-encoding');
    }
    if (!read.ok || json === undefined) return bodyRefusal(call, read.ok ? unreadable : read.error);
    const request = parse(call, op, params, read.raw, json, query);

    const fired = state.faults.take(call.api.api, op.id, call.ns.path);
    if (fired === undefined) return decide(call, op, request, state);
    const { fault, delayMs } = fired;
    observer.faults(call.ns.name, state, 'fired', [fault.id]);
    if (delayMs > 0) await new Promise<void>((resolve) => config.schedule(delayMs, resolve));
    if (fault.drop === true) {
      res.destroy();
      const why = `fault ${fault.id} injected: connection dropped`;
      return record(
        call,
        0,
        null,
        { code: FAULT_REASONS.dropped, message: why },
        [],
        `${FAULT_REASONS.dropped}: ${why}`,
      );
    }
    if (fault.status !== undefined) {
      const retryAfter = fault.retryAfter;
      return refuseMocked(
        call,
        'internal',
        fault.status === 429 ? 'rate limit exceeded' : 'injected by perm-mock',
        `fault ${fault.id} injected: status ${fault.status}`,
        {
          renderAs: call.api.faultCode(fault.status),
          reasonCode: FAULT_REASONS.injected,
          ...(retryAfter !== undefined && { headers: { 'Retry-After': String(retryAfter) } }),
        },
      );
    }
    return decide(call, op, request, state);
  };
  let recorded = 0;

  /** The validating proxy: the request's contract as always, then the upstream answers (proxy.ts). */
  const forward = async (
    call: MockedCall,
    route: RouteMatch,
    raw: Buffer,
    json: JsonRead,
    query: URLSearchParams,
    proxy: ProxySettings,
  ): Promise<void> => {
    const { req, res } = call;
    const method = req.method ?? 'GET';
    if (route.kind === 'operation') {
      const params = decodeParams(route.rawParams);
      if (params !== undefined) parse(call, route.operation, params, raw, json, query);
    } else {
      call.violations = [`path: ${method} ${call.ns.path} is not an operation of ${call.surface.title}`];
    }
    const outcome = await callUpstream(
      proxy,
      registry,
      call.api.api,
      method,
      call.ns.path,
      call.shown,
      req.headers,
      raw,
    );
    if (!outcome.ok) {
      return refuseMocked(call, 'internal', 'the upstream could not be reached', outcome.why, {
        reasonCode: outcome.code,
      });
    }
    const { verdict, response, rest } = outcome;
    const mark = rest
      ? `unchecked: the answer is larger than ${proxy.maxCheckedBytes} bytes`
      : verdict.violations.length === 0
        ? 'valid'
        : `violated: ${verdict.violations.join('; ')}`;
    const headers: string[] = [];
    for (const [name, value] of Object.entries(forwardedHeaders(verdict.headers))) {
      for (const one of Array.isArray(value) ? value : [value]) headers.push(name, one);
    }
    if (!rest && verdict.body !== undefined) headers.push('content-length', String(verdict.body.length));
    headers.push(REQUEST_ID_HEADER, call.id, PROXY_UPSTREAM_HEADER, headerSafe(mark));
    res.writeHead(verdict.status, headers);
    if (rest) {
      res.write(verdict.body);
      response.pipe(res);
      response.resume();
    } else {
      res.end(verdict.body);
    }
    const text = verdict.body?.toString('utf8') ?? '';
    const body = parseOr(text, text.slice(0, BODY_TEXT_LIMIT));
    record(call, verdict.status, body, null, [], undefined, text, {
      url: verdict.url,
      status: verdict.status,
      contract: { valid: verdict.violations.length === 0 && !rest, violations: verdict.violations },
      ms: verdict.ms,
    });
    if (proxy.recordDir !== undefined && call.operation !== undefined && !rest) {
      recorded += 1;
      const recording = proxyRecording(
        call.api.api,
        call.operation.id,
        recorded,
        method,
        call.shown,
        req.headers,
        raw,
        verdict,
        call.now,
      );
      writeRecording(proxy.recordDir, recording);
    }
  };

  return serveMocked;
}
