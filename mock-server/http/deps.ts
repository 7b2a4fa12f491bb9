/** What every router needs from the app: configuration, contracts, logging and the state to act on. */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';

import type { ContractRegistry } from '../../contracts/registry';
import type { Scenario } from '../../fixtures/scenarios';
import type { ResolvedOptions } from '../options';
import type { MockState } from '../state';

export interface RouteDeps {
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly logger: Logger;
  /** The state a request acts on. */
  readonly stateFor: (req: IncomingMessage) => MockState;
  /** The named scenarios that can be loaded into a namespace. */
  readonly scenarios: readonly Scenario[];
}
