/**
 * What the plumbing tells whoever watches the mock (the inspector's event stream): each journaled
 * request, each change of a namespace's state and its cause, each fault armed or fired. The
 * plumbing knows no API: before an operation runs it asks for a probe of what the operation may
 * change (undefined when nobody watches, so an unwatched mock does no extra work), and after it
 * asks the probe what did change.
 */
import type { OperationContract } from '../../contracts/operations';
import type { MockState } from '../state';
import type { JournalEntry, StateChanges } from './journal';

/** Why a namespace's state changed. */
export type ChangeCause =
  | { readonly kind: 'request'; readonly requestId: string; readonly operation: string | null }
  | { readonly kind: 'control'; readonly operation: string }
  | { readonly kind: 'timer' };

export type FaultAction = 'armed' | 'disarmed' | 'cleared' | 'fired';

/** Taken before an operation runs; `finish` tells what it changed (bounded), or undefined when it cannot tell. */
export interface StateProbe {
  finish(state: MockState): StateChanges | undefined;
}

/** What the operation names: its path parameters and body, read by the probe to narrow what it watches. */
export interface ProbeTarget {
  readonly operation: OperationContract;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Observer {
  /** A probe of what the operation may change, or undefined when nobody watches the namespace. */
  probe(namespace: string, state: MockState, target: ProbeTarget): StateProbe | undefined;
  /** A request to a mocked API was journaled. */
  requested(namespace: string, entry: JournalEntry): void;
  /** The state changed (`changes` undefined: it cannot be told what, e.g. a timer fired). */
  changed(namespace: string, state: MockState, cause: ChangeCause, changes: StateChanges | undefined): void;
  /** Faults were armed, disarmed or fired. */
  faults(namespace: string, state: MockState, action: FaultAction, ids: readonly string[]): void;
}

/** Nobody watches. */
export const NO_OBSERVER: Observer = {
  probe: () => undefined,
  requested: () => undefined,
  changed: () => undefined,
  faults: () => undefined,
};
