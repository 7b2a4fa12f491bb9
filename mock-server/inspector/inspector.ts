/**
 * The inspector's side of the plumbing: it turns what the dispatcher observes (journaled requests,
 * state changes and their causes, faults) and what namespaces live through (created, deleted) into
 * the events of `GET /__admin/events`. Every event is built only when a client is connected.
 */
import type { ChangedEntity, JournalEntry, StateChanges } from '../http/journal';
import type { ChangeCause, FaultAction, Observer, ProbeTarget, StateProbe } from '../http/observe';
import type { MockState, StateWatcher } from '../state';
import { createProbe } from './changes';
import type { EventHub } from './events';

/** An entity a state event names: what to read again (or patch) to see the change. */
export type TouchedEntity = Omit<ChangedEntity, 'before' | 'after'>;

function touched(entity: ChangedEntity): TouchedEntity {
  const { before: _before, after: _after, ...key } = entity;
  return key;
}

/** A journal entry as the `request` event carries it: everything but the bodies and headers. */
export function requestSummary(namespace: string, entry: JournalEntry): Record<string, unknown> {
  return {
    namespace,
    id: entry.id,
    time: entry.time,
    api: entry.api,
    operation: entry.operation,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    valid: entry.contract.valid,
    violations: entry.contract.violations,
    warnings: entry.warnings,
    reason: entry.reason,
    durationMs: entry.durationMs,
    changed: entry.changes === undefined ? null : entry.changes.entities.length + entry.changes.omitted,
    ...(entry.upstream !== undefined && {
      upstream: { status: entry.upstream.status, valid: entry.upstream.contract.valid },
    }),
  };
}

export class Inspector implements Observer {
  constructor(readonly hub: EventHub) {}

  probe(namespace: string, state: MockState, target: ProbeTarget): StateProbe | undefined {
    return this.hub.watches(namespace) ? createProbe(state, target) : undefined;
  }

  requested(namespace: string, entry: JournalEntry): void {
    if (!this.hub.active) return this.hub.skip();
    this.hub.publish('request', namespace, requestSummary(namespace, entry));
  }

  changed(namespace: string, state: MockState, cause: ChangeCause, changes: StateChanges | undefined): void {
    if (!this.hub.active) return this.hub.skip();
    // A change of nothing visible (an update that set what was already set): nothing to read again.
    if (changes !== undefined && changes.entities.length === 0 && changes.omitted === 0) return;
    this.hub.publish('state', namespace, {
      namespace,
      revision: state.revision,
      cause,
      all: changes === undefined,
      touched: changes?.entities.map(touched) ?? [],
      omitted: changes?.omitted ?? 0,
    });
  }

  faults(namespace: string, state: MockState, action: FaultAction, ids: readonly string[]): void {
    if (!this.hub.active) return this.hub.skip();
    this.hub.publish('fault', namespace, { namespace, action, ids, armed: state.faults.list() });
  }

  /** Watch a namespace's state from its creation: changes made outside requests, and its end. */
  watch(namespace: string, state: MockState, announce: boolean): void {
    const watcher: StateWatcher = {
      changedOutside: () => this.changed(namespace, state, { kind: 'timer' }, undefined),
      disposed: () => this.namespace(namespace, 'deleted'),
    };
    state.watcher = watcher;
    if (announce) this.namespace(namespace, 'created');
  }

  private namespace(namespace: string, action: 'created' | 'deleted'): void {
    if (!this.hub.active) return this.hub.skip();
    this.hub.publish('namespace', namespace, { namespace, action });
  }
}
