/** Options of createApp / startServer, their defaults, and the world a mock starts from. */
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import pino, { type Logger } from 'pino';

import { getContractRegistry } from '../contracts/registry';
import { DEFAULT_MEETING_ENDED_DELAY_SECONDS, DEFAULT_WEBHOOK_TIMEOUT_MS } from './apis/daily/services';
import { buildDefaultWorld } from '../fixtures/default-world';
import { DEFAULT_BODY_LIMIT } from './http/body';
import { DEFAULT_JOURNAL_LIMIT } from './http/journal';
import type { World } from './world';
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
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  readonly bodyLimit?: number;
  /** Most live participants one Daily room may hold. Default 100,000. */
  readonly maxParticipantsPerRoom?: number;
  /** Most members one Sonoran community may hold. Default 100,000. */
  readonly maxMembersPerCommunity?: number;
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
  /** Switch Daily's documented rate limit (20/s, 100 per 5 s) on in every namespace. Default off. */
  readonly dailyRateLimit?: boolean;
  /** How long a Daily webhook URL has to answer (a delivery, the verification request), in ms. Default 5000. */
  readonly dailyWebhookTimeoutMs?: number;
  /** Seconds between a Daily call's last leave and its meeting.ended webhook. Default 10. */
  readonly dailyMeetingEndedDelaySeconds?: number;
  /** Daily presence also lists participants with `hasPresence: false`. Default off (Daily hides them). */
  readonly dailyPresenceHidden?: boolean;
  /** Random bytes for Daily's session, meeting, room and webhook ids and secrets. Default crypto.randomBytes; tests seed their own. */
  readonly dailyRandomBytes?: (size: number) => Buffer;
  /** Switch a Sonoran rate limit (4 a minute, as v2 documents) on in every namespace. Default off. */
  readonly sonoranRateLimit?: boolean;
  /**
   * Check every answer against its own contract before sending it; a violation is logged and
   * answered as a 500 problem instead (a development switch). Default: PERM_MOCK_SELF_CHECK, else off.
   */
  readonly selfCheck?: boolean;
  /** Runs `fn` after `ms` milliseconds (fault delays): tests inject their own. Default setTimeout. */
  readonly schedule?: (ms: number, fn: () => void) => void;
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
  readonly bodyLimit: number;
  readonly adminToken: string | undefined;
  readonly stateFile: string | undefined;
  readonly namespaceTtlSeconds: number;
  readonly maxNamespaces: number;
  readonly namespaceStart: 'world' | 'empty';
  readonly dailyRateLimit: boolean;
  readonly dailyWebhookTimeoutMs: number;
  readonly dailyMeetingEndedDelaySeconds: number;
  readonly dailyPresenceHidden: boolean;
  readonly dailyRandomBytes: ((size: number) => Buffer) | undefined;
  readonly sonoranRateLimit: boolean;
  readonly selfCheck: boolean;
  readonly schedule: (ms: number, fn: () => void) => void;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_NAMESPACE_TTL_SECONDS = 900;
export const DEFAULT_MAX_NAMESPACES = 1000;

export class WorldFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldFileError';
  }
}

/** Read and check a world file; the error says what is wrong and where. */
export function readWorldFile(path: string): { world: World; json: string } {
  let json: string;
  let parsed: unknown;
  try {
    json = readFileSync(path, 'utf8');
    parsed = JSON.parse(json) as unknown;
  } catch (error) {
    throw new WorldFileError(`cannot read the world file ${path} as JSON: ${(error as Error).message}`);
  }
  const violations = getContractRegistry().validate('urn:perm-mock:admin:state', parsed, 'world');
  if (violations.length > 0) {
    throw new WorldFileError(
      `${path} is not a perm-mock world (the format of GET /__admin/state):\n` +
        violations
          .slice(0, 10)
          .map((v) => `  - ${v.text}`)
          .join('\n'),
    );
  }
  return { world: parsed as World, json };
}

/** A fresh copy of the startup world, as objects. */
export function startupWorld(config: Pick<ResolvedOptions, 'packedWorld'>): World {
  return JSON.parse(inflateRawSync(config.packedWorld).toString('utf8')) as World;
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
  const base = fromFile?.world ?? options.world ?? buildDefaultWorld({ seed, now: clock() });
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
  const worldJson = fromFile !== undefined && world === base ? fromFile.json : JSON.stringify(world);
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
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    adminToken: options.adminToken,
    stateFile: options.stateFile,
    namespaceTtlSeconds: options.namespaceTtlSeconds ?? DEFAULT_NAMESPACE_TTL_SECONDS,
    maxNamespaces: options.maxNamespaces ?? DEFAULT_MAX_NAMESPACES,
    namespaceStart: options.namespaceStart ?? 'world',
    dailyRateLimit: options.dailyRateLimit ?? false,
    dailyWebhookTimeoutMs: options.dailyWebhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    dailyMeetingEndedDelaySeconds: options.dailyMeetingEndedDelaySeconds ?? DEFAULT_MEETING_ENDED_DELAY_SECONDS,
    dailyPresenceHidden: options.dailyPresenceHidden ?? false,
    dailyRandomBytes: options.dailyRandomBytes,
    sonoranRateLimit: options.sonoranRateLimit ?? false,
    selfCheck: options.selfCheck ?? envFlag(process.env.PERM_MOCK_SELF_CHECK),
    schedule: options.schedule ?? ((ms, fn) => void setTimeout(fn, ms)),
  };
  return { config, world };
}
