/** The control API's handlers: what they receive and return (their schemas are in contracts/schemas/admin). */
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';

import type { ContractRegistry } from '../../contracts/registry';
import type { FaultAction } from '../http/observe';
import type { EventStreamsView, Subscription } from '../inspector/events';
import type { Namespaces } from '../namespaces';
import type { Verdicts } from '../report/verdicts';
import type { ResolvedOptions } from '../options';
import type { MockState } from '../state';
import type { Scenario } from '../world';

export type { World as StateView } from '../world';
export type { ParticipantInput, RoomInput, RoomView } from '../apis/daily/types';

export interface HealthView {
  readonly status: 'ok';
  readonly version: string;
  readonly uptimeSeconds: number;
}

/** A control-API request, already routed and its body checked against the operation's contract. */
export interface AdminRequest {
  readonly method: string;
  readonly path: string;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The decoded body, valid against the request contract; undefined when the operation takes none (or an optional one was left out). */
  readonly body: unknown;
  /** The namespace the request names (header or /ns prefix). */
  readonly namespace: string;
}

export interface AdminContext {
  /** The request's namespace (created on first use, so only handlers that act on it call this). */
  state(): MockState;
  readonly namespaces: Namespaces;
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly logger: Logger;
  readonly scenarios: readonly Scenario[];
  /** The verdicts of the run so far, over every namespace. */
  readonly verdicts: Verdicts;
  /** The event streams' clients (GET /__admin/events/clients). */
  eventStreams(): EventStreamsView;
}

export interface AdminResult {
  readonly status: number;
  /** Sent as JSON; none for a 204. */
  readonly body?: unknown;
  /** Send the body piece by piece (the whole state can be larger than one string may be). */
  readonly stream?: boolean;
  /** A text answer instead of JSON (the report as XML or Markdown), with its content type. */
  readonly text?: { readonly contentType: string; readonly content: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer with an event stream of these events instead (GET /__admin/events). */
  readonly events?: Subscription;
  /** Faults the call armed, disarmed or cleared (told to the event stream's clients). */
  readonly faults?: { readonly action: FaultAction; readonly ids: readonly string[] };
  /** A static file of the inspector: sent with a Content-Security-Policy that allows nothing but this server. */
  readonly asset?: boolean;
}

/**
 * Handlers return their answer (or a promise of it, when it waits on a signature check) or throw a
 * MockProblem (rendered as application/problem+json).
 */
export type AdminHandler = (req: AdminRequest, ctx: AdminContext) => AdminResult | Promise<AdminResult>;
