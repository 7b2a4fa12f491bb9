/** Options of createApp / startServer, their defaults, and the world a mock starts from. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import pino, { type Logger } from 'pino';

import { getContractRegistry } from '../contracts/registry';
import { DEFAULT_MEETING_ENDED_DELAY_SECONDS, DEFAULT_WEBHOOK_TIMEOUT_MS } from './apis/daily/services';
import { buildDefaultWorld } from '../fixtures/default-world';
import { DEFAULT_BODY_LIMIT } from './http/body';
import { DEFAULT_EVENTS_BUFFER_BYTES, DEFAULT_HEARTBEAT_MS } from './inspector/events';
import { DEFAULT_JOURNAL_LIMIT, DEFAULT_JOURNAL_MAX_BYTES } from './http/journal';
import { DailyStore } from './apis/daily/store';
import type { TokenValidateShape } from './apis/daily/tokens';
import { REAL_FILE_SYSTEM, type StateFileSystem } from './persistence/file-system';
import type { FailOn } from './report/render';
import { DEFAULT_PROXY_CHECKED_BYTES, DEFAULT_PROXY_TIMEOUT_MS, type ProxySettings } from './http/proxy';
import type { JournalApi } from './http/journal';
import { SonoranStore } from './apis/sonoran-radio/store';
import type { World, WorldInput } from './world';
import {
  DEFAULT_MAX_MEMBERS_PER_COMMUNITY,
  DEFAULT_MAX_PARTICIPANTS_PER_ROOM,
  worldLimitProblems,
  type Limits,
} from './limits';

export type { World, WorldInput } from './world';

export interface MockOptions {
  /** The state to start from (and return to on reset). Default: the seeded default world. */
  readonly world?: World;
  /** Or a JSON file holding it (the format of `GET /__admin/state`). */
  readonly worldFile?: string;
  /** Seed of the default world's faker (ignored when `world` is given). Default 1. */
  readonly seed?: number;
  /** Refuse requests that name unknown participants instead of ignoring them. Default false. */
  readonly strict?: boolean;
  /** Daily API keys to accept, replacing the world's. */
  readonly dailyApiKeys?: readonly string[];
  /** Body of Daily's 200 answer (undocumented upstream). Default `{}`. */
  readonly dailySuccessBody?: Readonly<Record<string, unknown>>;
  /** Source of "now" (join times, journal times). Default: the system clock. */
  readonly clock?: () => Date;
  /** A pino logger. Default: silent. */
  readonly logger?: Logger;
  /** How many requests the journal keeps (oldest dropped first). Default 1000. */
  readonly journalLimit?: number;
  /** About how many bytes each namespace's journal keeps (oldest dropped first). Default 64 MiB. */
  readonly journalMaxBytes?: number;
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  readonly bodyLimit?: number;
  /** Bytes of events that may wait for one `GET /__admin/events` client before it is dropped. Default 1 MiB. */
  readonly eventsBufferBytes?: number;
  /** How often an event stream gets a heartbeat comment, in ms (0: never). Default 15 s. */
  readonly eventsHeartbeatMs?: number;
  /** Most live participants one Daily room may hold. Default 100,000. */
  readonly maxParticipantsPerRoom?: number;
  /** Most members one Sonoran community may hold. Default 100,000. */
  readonly maxMembersPerCommunity?: number;
  /** Most bytes one Daily update's `"*"` may copy (participants reached × the value's size as JSON). Default 64 MiB. */
  readonly maxAmplificationBytes?: number;
  /** Required on every control-API call (but /__admin/health) when set; needed to bind beyond loopback. */
  readonly adminToken?: string;
  /** Keep the state in this file: loaded at start, written before each change is acknowledged. */
  readonly stateFile?: string;
  /** A namespace idle this long (seconds) is deleted; 0 keeps them. Default 900. */
  readonly namespaceTtlSeconds?: number;
  /** Most namespaces besides `default`. Default 1000. */
  readonly maxNamespaces?: number;
  /** What a new namespace starts from: the startup world, or no rooms and communities. Default `world`. */
  readonly namespaceStart?: 'world' | 'empty';
  /** Bytes the namespaces besides default may hold together (state they made, journals). Default 128 MiB. */
  readonly namespaceMemoryBytes?: number;
  /** Switch Daily's documented rate limit (20/s, 100 per 5 s) on in every namespace. Default off. */
  readonly dailyRateLimit?: boolean;
  /** How long a Daily webhook URL has to answer (a delivery, the verification request), in ms. Default 5000. */
  readonly dailyWebhookTimeoutMs?: number;
  /** Seconds between a Daily call's last leave and its meeting.ended webhook. Default 10. */
  readonly dailyMeetingEndedDelaySeconds?: number;
  /** Daily presence also lists participants with `hasPresence: false`. Default off (Daily hides them). */
  readonly dailyPresenceHidden?: boolean;
  /** What validating a meeting token answers: its properties by long names (default) or its claims as signed. */
  readonly dailyTokenValidate?: TokenValidateShape;
  /** Random bytes for Daily's session, meeting, room and webhook ids and secrets. Default crypto.randomBytes; tests seed their own. */
  readonly dailyRandomBytes?: (size: number) => Buffer;
  /** Switch Sonoran's rate limits on in every namespace: v2's per key and endpoint, v1 set-member-permissions' 4 a minute. Default off. */
  readonly sonoranRateLimit?: boolean;
  /**
   * Check every answer against its own contract before sending it; a violation is logged and
   * answered as a 500 problem instead (a development switch). Default: PERM_MOCK_SELF_CHECK, else off.
   */
  readonly selfCheck?: boolean;
  /** Runs `fn` after `ms` milliseconds (fault delays): tests inject their own. Default setTimeout. */
  readonly schedule?: (ms: number, fn: () => void) => void;
  /**
   * Host names the control API answers to besides loopback names and the bound address (`*`: any),
   * when no admin token is set. Default none.
   */
  readonly allowedHosts?: readonly string[];
  /** The address the server binds (startServer sets it); allowed as a Host. */
  readonly host?: string;
  /** The file operations of --state-file (tests inject failing ones). Default: the real ones. */
  readonly stateFileSystem?: StateFileSystem;
  /** Past this many bytes of change log, --state-file writes a fresh snapshot. Default: 16 MiB or the last snapshot's size, whichever is larger. */
  readonly stateFileCompactBytes?: number;
  /** What fails the run's verdict (the report's JUnit failures, the command's exit code). Default `never`. */
  readonly failOn?: FailOn;
  /** Forward an API's requests to its real upstream, checking both sides (`{daily: 'https://api.daily.co/v1'}`). */
  readonly proxy?: Readonly<Partial<Record<'daily' | 'sonoran', string>>>;
  /** How long the proxy waits for an upstream's answer. Default 30 s. */
  readonly proxyTimeoutMs?: number;
  /** Write each proxied exchange here as a redacted recording. */
  readonly record?: string;
  /** The proxy checks upstream answers up to this size, and passes larger ones on unchecked. Default 16 MiB. */
  readonly proxyMaxCheckedBytes?: number;
}

export interface ResolvedOptions extends Limits {
  /**
   * The startup world as deflated JSON: a large world is not held twice in memory (as the state and
   * as the copy a reset returns to); `startupWorld(config)` inflates it (on reset, for a namespace).
   */
  readonly packedWorld: Buffer;
  /** Size of the startup world as JSON text, in bytes. */
  readonly packedWorldBytes: number;
  readonly seed: number;
  readonly strict: boolean;
  readonly dailySuccessBody: Readonly<Record<string, unknown>>;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly journalLimit: number;
  readonly journalMaxBytes: number;
  readonly bodyLimit: number;
  readonly eventsBufferBytes: number;
  readonly eventsHeartbeatMs: number;
  readonly maxAmplificationBytes: number;
  readonly adminToken: string | undefined;
  readonly stateFile: string | undefined;
  readonly namespaceTtlSeconds: number;
  readonly maxNamespaces: number;
  readonly namespaceStart: 'world' | 'empty';
  readonly namespaceMemoryBytes: number;
  readonly dailyRateLimit: boolean;
  readonly dailyWebhookTimeoutMs: number;
  readonly dailyMeetingEndedDelaySeconds: number;
  readonly dailyPresenceHidden: boolean;
  readonly dailyTokenValidate: TokenValidateShape;
  readonly dailyRandomBytes: ((size: number) => Buffer) | undefined;
  readonly sonoranRateLimit: boolean;
  readonly selfCheck: boolean;
  readonly schedule: (ms: number, fn: () => void) => void;
  readonly allowedHosts: readonly string[];
  readonly boundHost: string | undefined;
  readonly stateFileSystem: StateFileSystem;
  /** Undefined: the larger of 16 MiB and the last snapshot's size. */
  readonly stateFileCompactBytes: number | undefined;
  readonly failOn: FailOn;
  readonly proxy: ProxySettings | undefined;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_NAMESPACE_TTL_SECONDS = 900;
export const DEFAULT_MAX_NAMESPACES = 1000;
/** What the namespaces besides default may hold together: room for hundreds of namespaces of a default world. */
export const DEFAULT_NAMESPACE_MEMORY_BYTES = 128 * 1024 * 1024;
/** What one request may amplify: 64 MiB, far beyond any real `"*"` (100,000 participants × 670 bytes). */
export const DEFAULT_MAX_AMPLIFICATION_BYTES = 64 * 1024 * 1024;

export class WorldFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldFileError';
  }
}

/** A world file's text that is a whole state (as GET /__admin/state answers), or parts of one to complete. */
export type WorldFileContent =
  { readonly complete: true; readonly world: World } | { readonly complete: false; readonly input: unknown };

/**
 * Read and check a world file; the error says what is wrong and where. A whole state is taken as it
 * is; otherwise the file may leave out anything the control API would fill in (and either API's
 * part), and is checked against the world-input schema.
 */
export function readWorldFile(path: string): { content: WorldFileContent; json: string } {
  let json: string;
  let parsed: unknown;
  try {
    json = readFileSync(path, 'utf8');
    parsed = JSON.parse(json) as unknown;
  } catch (error) {
    throw new WorldFileError(`cannot read the world file ${path} as JSON: ${(error as Error).message}`);
  }
  const registry = getContractRegistry();
  if (registry.validate('urn:perm-mock:admin:state', parsed, 'world').length === 0) {
    return { content: { complete: true, world: parsed as World }, json };
  }
  const violations = registry.validate('urn:perm-mock:admin:world-input', parsed, 'world');
  if (violations.length > 0) {
    throw new WorldFileError(
      `${path} is not a perm-mock world (the format of GET /__admin/state; any field the control API fills in may be left out):\n` +
        violations
          .slice(0, 10)
          .map((v) => `  - ${v.text}`)
          .join('\n'),
    );
  }
  return { content: { complete: false, input: parsed }, json };
}

/**
 * A partial world completed with the control API's defaults (participants' permissions, members'
 * names and status, rooms' privacy…). A part left out is empty; Daily's API keys left out are the
 * seeded default world's, so the banner still prints a key that works.
 */
export function completeWorld(input: unknown, path: string, defaults: () => World, now: Date): World {
  const partial = input as { daily?: Partial<WorldInput['daily']>; sonoran?: Partial<WorldInput['sonoran']> };
  try {
    // Built only to be read back: a clock standing at `now` whose timers never fire.
    const daily = DailyStore.fromSnapshot(
      {
        ...partial.daily,
        apiKeys: partial.daily?.apiKeys ?? defaults().daily.apiKeys,
        rooms: partial.daily?.rooms ?? [],
      },
      {
        clock: { nowMs: () => now.getTime(), at: () => ({ cancel: () => undefined }) },
        randomBytes,
        meetingEndedDelayMs: 0,
      },
    );
    const sonoran = SonoranStore.fromSnapshot({ communities: partial.sonoran?.communities ?? [] }, now.toISOString());
    return { daily: daily.snapshot(), sonoran: sonoran.snapshot() };
  } catch (error) {
    throw new WorldFileError(`${path} cannot be completed: ${(error as Error).message}`);
  }
}

/** A fresh copy of the startup world, as objects. */
export function startupWorld(config: Pick<ResolvedOptions, 'packedWorld'>): World {
  return JSON.parse(inflateRawSync(config.packedWorld).toString('utf8')) as World;
}

function proxySettings(options: MockOptions): ProxySettings | undefined {
  const entries = Object.entries(options.proxy ?? {}).filter((e): e is [JournalApi, string] => e[1] !== undefined);
  if (entries.length === 0) {
    if (options.record !== undefined) {
      throw new Error(
        '--record writes what the validating proxy exchanges: give --proxy daily=<url> or sonoran=<url> too',
      );
    }
    return undefined;
  }
  const upstreams = new Map<JournalApi, URL>();
  for (const [api, base] of entries) {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new Error(`the ${api} upstream "${base}" is not a URL; give its base URL, e.g. https://api.daily.co/v1`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`the ${api} upstream ${base} is not http(s)`);
    upstreams.set(api, url);
  }
  return {
    upstreams,
    timeoutMs: options.proxyTimeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS,
    recordDir: options.record,
    maxCheckedBytes: options.proxyMaxCheckedBytes ?? DEFAULT_PROXY_CHECKED_BYTES,
  };
}

function envFlag(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

export function resolveOptions(options: MockOptions = {}): ResolvedOptions {
  return resolveWithWorld(options).config;
}

/**
 * The options with their defaults, and the startup world as objects (to build the first state
 * from; not kept) and as text (kept, for resets).
 */
export function resolveWithWorld(options: MockOptions = {}): { config: ResolvedOptions; world: World } {
  const clock = options.clock ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_SEED;
  const fromFile = options.worldFile === undefined ? undefined : readWorldFile(options.worldFile);
  const defaults = (): World => buildDefaultWorld({ seed, now: clock() });
  const fileWorld =
    fromFile === undefined
      ? undefined
      : fromFile.content.complete
        ? fromFile.content.world
        : completeWorld(fromFile.content.input, options.worldFile ?? '', defaults, clock());
  const base = fileWorld ?? options.world ?? defaults();
  const world: World =
    options.dailyApiKeys === undefined
      ? base
      : { ...base, daily: { ...base.daily, apiKeys: [...options.dailyApiKeys] } };
  const limits: Limits = {
    maxParticipantsPerRoom: options.maxParticipantsPerRoom ?? DEFAULT_MAX_PARTICIPANTS_PER_ROOM,
    maxMembersPerCommunity: options.maxMembersPerCommunity ?? DEFAULT_MAX_MEMBERS_PER_COMMUNITY,
  };
  const problems = worldLimitProblems(world, limits);
  if (problems.length > 0) throw new Error(`the startup world breaks a limit: ${problems.join('; ')}`);
  const worldJson =
    fromFile !== undefined && fromFile.content.complete && world === base ? fromFile.json : JSON.stringify(world);
  const packedWorld = deflateRawSync(worldJson, { level: 1 });
  const config: ResolvedOptions = {
    ...limits,
    packedWorld,
    packedWorldBytes: worldJson.length,
    seed,
    strict: options.strict ?? false,
    dailySuccessBody: options.dailySuccessBody ?? {},
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    journalLimit: options.journalLimit ?? DEFAULT_JOURNAL_LIMIT,
    journalMaxBytes: options.journalMaxBytes ?? DEFAULT_JOURNAL_MAX_BYTES,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    eventsBufferBytes: options.eventsBufferBytes ?? DEFAULT_EVENTS_BUFFER_BYTES,
    eventsHeartbeatMs: options.eventsHeartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    maxAmplificationBytes: options.maxAmplificationBytes ?? DEFAULT_MAX_AMPLIFICATION_BYTES,
    adminToken: options.adminToken,
    stateFile: options.stateFile,
    namespaceTtlSeconds: options.namespaceTtlSeconds ?? DEFAULT_NAMESPACE_TTL_SECONDS,
    maxNamespaces: options.maxNamespaces ?? DEFAULT_MAX_NAMESPACES,
    namespaceStart: options.namespaceStart ?? 'world',
    namespaceMemoryBytes: options.namespaceMemoryBytes ?? DEFAULT_NAMESPACE_MEMORY_BYTES,
    dailyRateLimit: options.dailyRateLimit ?? false,
    dailyWebhookTimeoutMs: options.dailyWebhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    dailyMeetingEndedDelaySeconds: options.dailyMeetingEndedDelaySeconds ?? DEFAULT_MEETING_ENDED_DELAY_SECONDS,
    dailyPresenceHidden: options.dailyPresenceHidden ?? false,
    dailyTokenValidate: options.dailyTokenValidate ?? 'long',
    dailyRandomBytes: options.dailyRandomBytes,
    sonoranRateLimit: options.sonoranRateLimit ?? false,
    selfCheck: options.selfCheck ?? envFlag(process.env.PERM_MOCK_SELF_CHECK),
    schedule: options.schedule ?? ((ms, fn) => void setTimeout(fn, ms)),
    allowedHosts: options.allowedHosts ?? [],
    boundHost: options.host,
    stateFileSystem: options.stateFileSystem ?? REAL_FILE_SYSTEM,
    stateFileCompactBytes: options.stateFileCompactBytes,
    failOn: options.failOn ?? 'never',
    proxy: proxySettings(options),
  };
  return { config, world };
}
