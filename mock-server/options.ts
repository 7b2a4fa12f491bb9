/** Options of createApp / startServer, their defaults, and the world a mock starts from. */
import pino, { type Logger } from 'pino';

import { buildDefaultWorld } from '../fixtures/default-world';
import type { DailySnapshot } from './apis/daily/types';
import type { SonoranSnapshot } from './apis/sonoran-radio/types';
import { DEFAULT_BODY_LIMIT } from './http/body';
import { DEFAULT_JOURNAL_LIMIT } from './http/journal';
import {
  DEFAULT_MAX_MEMBERS_PER_COMMUNITY,
  DEFAULT_MAX_PARTICIPANTS_PER_ROOM,
  worldLimitProblems,
  type Limits,
} from './limits';

/** Everything the mock holds, as plain JSON: the startup world, `GET /__admin/state`, snapshots. */
export interface World {
  readonly daily: DailySnapshot;
  readonly sonoran: SonoranSnapshot;
}

export interface MockOptions {
  /** The state to start from (and return to on reset). Default: the seeded default world. */
  readonly world?: World;
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
}

export interface ResolvedOptions extends Limits {
  readonly world: World;
  readonly seed: number;
  readonly strict: boolean;
  readonly dailySuccessBody: Readonly<Record<string, unknown>>;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly journalLimit: number;
  readonly bodyLimit: number;
  readonly adminToken: string | undefined;
  readonly stateFile: string | undefined;
}

export const DEFAULT_SEED = 1;

export function resolveOptions(options: MockOptions = {}): ResolvedOptions {
  const clock = options.clock ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_SEED;
  const base = options.world ?? buildDefaultWorld({ seed, now: clock() });
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
  return {
    ...limits,
    world,
    seed,
    strict: options.strict ?? false,
    dailySuccessBody: options.dailySuccessBody ?? {},
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    journalLimit: options.journalLimit ?? DEFAULT_JOURNAL_LIMIT,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    adminToken: options.adminToken,
    stateFile: options.stateFile,
  };
}
