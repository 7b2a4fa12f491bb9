/**
 * What a mock holds, as plain JSON: the startup world, `GET /__admin/state`, state files and
 * scenarios. Types only, next to the state they describe (mock-server/state.ts), so that fixtures,
 * options and the stores can all name them without importing each other.
 */
import type { DailySnapshot, Domain, RoomInput, Webhook } from './apis/daily/types';
import type { CommunityInput, SonoranSnapshot } from './apis/sonoran-radio/types';

export interface World {
  readonly daily: DailySnapshot;
  readonly sonoran: SonoranSnapshot;
}

/** A world as input: rooms and communities in the control API's input shapes (defaults filled in). */
export interface WorldInput {
  readonly daily: {
    readonly apiKeys: readonly string[];
    readonly domain?: Domain;
    readonly rooms: readonly (RoomInput & { readonly name: string })[];
    readonly webhooks?: readonly Webhook[];
  };
  readonly sonoran: { readonly communities: readonly (CommunityInput & { readonly id: string })[] };
}

/** A named scenario: a small world kept as data, loaded into a namespace by name. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly daily?: { readonly rooms: readonly (RoomInput & { readonly name: string })[] };
  readonly sonoran?: { readonly communities: readonly (CommunityInput & { readonly id: string })[] };
}
