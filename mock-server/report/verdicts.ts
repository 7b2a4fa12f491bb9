/**
 * The verdicts of a run: for every namespace and every operation a client called, how many requests
 * it sent, how many broke their contract and how (by kind, with the first examples), the warnings
 * they earned by kind, which documented answers the client received and which it never saw, and,
 * for failures injected on purpose, whether the client's next request was well formed again.
 *
 * Fed with each journal entry as it is made, but kept apart from the journal: the journal forgets
 * its oldest entries, the verdicts of a run must not. Bounded by what they count, not by requests.
 */
import { OPERATIONS, type OperationContract } from '../../contracts/operations';
import { FAULT_REASONS } from '../faults';
import type { JournalApi, JournalEntry } from '../http/journal';

/** Kinds kept per operation for violations and for warnings; further ones are counted as `other`. */
const MAX_KINDS = 50;
const MAX_EXAMPLES = 3;

export interface KindCount {
  readonly kind: string;
  readonly count: number;
  /** The first few texts of this kind, as the journal gave them. */
  readonly examples: readonly string[];
}

export interface ResponseSeen {
  readonly status: number;
  readonly count: number;
  /** The status is one the operation's contract documents (else the client got something undocumented). */
  readonly documented: boolean;
  readonly description: string;
}

export interface InjectedOutcome {
  readonly status: number;
  /** Failures of this status injected into this operation. */
  readonly injected: number;
  /** How many were followed by a well-formed request (the client recovered). */
  readonly survived: number;
  /** How many were followed by a request that broke its contract. */
  readonly failed: number;
}

export interface OperationReport {
  /** The operation id; `<api>.unknown` for paths no operation serves. */
  readonly operation: string;
  readonly api: JournalApi;
  readonly method: string;
  readonly path: string;
  readonly requests: number;
  readonly violations: { readonly requests: number; readonly kinds: readonly KindCount[] };
  readonly warnings: { readonly requests: number; readonly kinds: readonly KindCount[] };
  readonly responses: readonly ResponseSeen[];
  /** Documented answers the client never received: its handling of them is untested. */
  readonly neverSeen: readonly { readonly status: number; readonly description: string }[];
  readonly injected: readonly InjectedOutcome[];
  /** Through the validating proxy: the upstream's answers that broke their contract, by kind. */
  readonly upstream?: { readonly requests: number; readonly kinds: readonly KindCount[] };
}

export interface NamespaceReport {
  readonly name: string;
  readonly requests: number;
  readonly operations: readonly OperationReport[];
  /** Operations of the APIs this namespace's client used that it never called. */
  readonly notCalled: readonly string[];
}

export interface Report {
  readonly generatedAt: string;
  /** `violations` when any request broke its contract, else `warnings` when any earned one, else `clean`. */
  readonly verdict: 'clean' | 'warnings' | 'violations';
  readonly totals: { readonly requests: number; readonly violations: number; readonly warnings: number };
  readonly namespaces: readonly NamespaceReport[];
}

/** Keys that are data, not names: participant ids, user ids, custom track names. */
const DATA_KEYS = /\b(data|byUserId|byParticipantId|customVideo|customAudio)(\.[^.[\s]+|\["(?:[^"\\]|\\.)*"\])/g;

/**
 * One kind for many requests: a violation's path loses its indices and data keys, and the value it
 * got (`userPerms[3].perm must be <= 1023 (got 4096)` → `userPerms[N].perm must be <= 1023`); a
 * warning loses what it quotes and the ids it names.
 */
export function kindOf(text: string, of: 'violation' | 'warning' = 'violation'): string {
  const base = text.replace(/\s*\(got [^)]*\)$/, '').replace(/\[\d+\]/g, '[N]');
  if (of === 'violation') return base.replace(DATA_KEYS, '$1.<key>').trim();
  return base
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(participant|participants|room|member|community|channel|account)s? ([^\s;,]+)/g, '$1 <id>')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .trim();
}

class Kinds {
  private readonly counts = new Map<string, { count: number; examples: string[] }>();
  requests = 0;

  constructor(private readonly of: 'violation' | 'warning') {}

  add(texts: readonly string[]): void {
    if (texts.length === 0) return;
    this.requests += 1;
    for (const text of texts) {
      let kind = kindOf(text, this.of);
      if (!this.counts.has(kind) && this.counts.size >= MAX_KINDS) kind = 'other';
      const entry = this.counts.get(kind) ?? { count: 0, examples: [] };
      entry.count += 1;
      if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(text);
      this.counts.set(kind, entry);
    }
  }

  view(): { requests: number; kinds: KindCount[] } {
    const kinds = [...this.counts].map(([kind, { count, examples }]) => ({ kind, count, examples }));
    return { requests: this.requests, kinds: kinds.sort((a, b) => b.count - a.count) };
  }
}

class OperationTally {
  requests = 0;
  readonly violations = new Kinds('violation');
  readonly warnings = new Kinds('warning');
  readonly upstream = new Kinds('violation');
  proxied = false;
  readonly statuses = new Map<number, number>();
  readonly injected = new Map<number, { injected: number; survived: number; failed: number }>();

  constructor(
    readonly id: string,
    readonly api: JournalApi,
    readonly contract: OperationContract | undefined,
    readonly firstPath: string,
    readonly method: string,
  ) {}

  view(): OperationReport {
    const documented = this.contract?.responses ?? {};
    const responses = [...this.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => ({
        status,
        count,
        documented: Object.hasOwn(documented, status),
        description: documented[status]?.description ?? (status === 0 ? 'connection dropped' : 'not documented'),
      }));
    const neverSeen = Object.entries(documented)
      .filter(([status, r]) => r.mockOnly !== true && !this.statuses.has(Number(status)))
      .map(([status, r]) => ({ status: Number(status), description: r.description }));
    return {
      operation: this.id,
      api: this.api,
      method: this.contract?.method ?? this.method,
      path: this.contract?.path ?? this.firstPath,
      requests: this.requests,
      violations: this.violations.view(),
      warnings: this.warnings.view(),
      responses,
      neverSeen,
      injected: [...this.injected].sort(([a], [b]) => a - b).map(([status, outcome]) => ({ status, ...outcome })),
      ...(this.proxied && { upstream: this.upstream.view() }),
    };
  }
}

class NamespaceTally {
  requests = 0;
  readonly operations = new Map<string, OperationTally>();
  /** Per API, the injected failure still waiting for the client's next request. */
  readonly pending = new Map<JournalApi, { operation: OperationTally; status: number }>();
}

export class Verdicts {
  private readonly namespaces = new Map<string, NamespaceTally>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Count one journaled exchange of a namespace. */
  observe(namespace: string, entry: JournalEntry): void {
    let ns = this.namespaces.get(namespace);
    if (ns === undefined) this.namespaces.set(namespace, (ns = new NamespaceTally()));
    ns.requests += 1;
    const id = entry.operation ?? `${entry.api}.unknown`;
    let op = ns.operations.get(id);
    if (op === undefined) {
      const contract = entry.operation === null ? undefined : OPERATIONS.get(entry.operation);
      op = new OperationTally(id, entry.api, contract, entry.path.split('?', 1)[0] ?? '', entry.method);
      ns.operations.set(id, op);
    }
    op.requests += 1;
    op.statuses.set(entry.status, (op.statuses.get(entry.status) ?? 0) + 1);

    // After an injected failure, what counts is the client's next request: was it well formed?
    // (That request may meet an injected failure of its own: it was sent all the same.)
    const pending = ns.pending.get(entry.api);
    if (pending !== undefined) {
      const outcome = pending.operation.injected.get(pending.status);
      if (outcome !== undefined) {
        if (entry.contract.valid) outcome.survived += 1;
        else outcome.failed += 1;
      }
      ns.pending.delete(entry.api);
    }
    const injected = entry.reason?.code === FAULT_REASONS.injected || entry.reason?.code === FAULT_REASONS.dropped;
    if (injected) {
      ns.pending.set(entry.api, { operation: op, status: entry.status });
      const outcome = op.injected.get(entry.status) ?? { injected: 0, survived: 0, failed: 0 };
      outcome.injected += 1;
      op.injected.set(entry.status, outcome);
    }
    op.violations.add(entry.contract.violations);
    op.warnings.add(entry.warnings);
    if (entry.upstream !== undefined) {
      op.proxied = true;
      op.upstream.add(entry.upstream.contract.violations);
    }
  }

  clear(): void {
    this.namespaces.clear();
  }

  report(): Report {
    let requests = 0;
    let violations = 0;
    let warnings = 0;
    const namespaces: NamespaceReport[] = [];
    for (const [name, ns] of [...this.namespaces].sort(([a], [b]) => a.localeCompare(b))) {
      const operations = [...ns.operations.values()].map((op) => op.view());
      for (const op of operations) {
        requests += op.requests;
        violations += op.violations.requests;
        warnings += op.warnings.requests;
      }
      const used = new Set(operations.map((op) => op.api));
      const called = new Set(operations.map((op) => op.operation));
      const notCalled = [...OPERATIONS.values()]
        .filter((op) => op.api !== 'admin' && used.has(op.api) && !called.has(op.id))
        .map((op) => op.id);
      namespaces.push({ name, requests: ns.requests, operations, notCalled });
    }
    return {
      generatedAt: this.now().toISOString(),
      verdict: violations > 0 ? 'violations' : warnings > 0 ? 'warnings' : 'clean',
      totals: { requests, violations, warnings },
      namespaces,
    };
  }
}
