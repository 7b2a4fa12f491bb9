/**
 * What a store owns, in approximate bytes: the measure a namespace's memory budget counts. Not
 * V8's exact heap use, but a deterministic figure that grows and shrinks with what the store made
 * (its own rooms, participants, communities and members; values it shares with the startup world
 * cost it nothing), so tests can assert it and the budget can bound it. Shared by both APIs' stores.
 */

/** One slot of a Map (key, value, hash chain). */
export const ENTRY_BYTES = 48;
/** An object's header and its fixed fields. */
export const OBJECT_BYTES = 96;

/** A string's share: its characters (one byte each, as V8 stores ASCII) and a header. */
export function textBytes(text: string | null | undefined): number {
  return text === null || text === undefined ? 0 : 16 + text.length;
}

/** A value's size as JSON text, in UTF-8 bytes: the measure of free-form values (configs, session data). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

const measured = new WeakMap<object, number>();

/** `jsonBytes` of an immutable object, measured once (objects are never changed, only replaced). */
export function frozenBytes(value: object, measure: (value: object) => number = jsonBytes): number {
  let bytes = measured.get(value);
  if (bytes === undefined) measured.set(value, (bytes = measure(value)));
  return bytes;
}

/** The size of a list of immutable items: each item measured once, however often the list is rebuilt. */
export function itemsBytes(items: readonly object[]): number {
  let total = ENTRY_BYTES;
  for (const item of items) total += 8 + frozenBytes(item);
  return total;
}

/** How to measure a shared value: its own bytes, and the shared values it holds. */
export interface Measured {
  readonly own: number;
  readonly parts: readonly (readonly [object, (value: object) => Measured])[];
}

interface Held {
  count: number;
  readonly own: number;
  readonly parts: readonly object[];
}

/**
 * Values many entities may hold at once (the interned permission objects): each costs its store
 * once, however many entities hold it, and is given back when the last one lets go. A value the
 * `elsewhere` check claims (the startup world's) costs nothing.
 */
export class SharedValues {
  private readonly held = new Map<object, Held>();
  /** Bytes of every value held. */
  bytes = 0;

  /** What each value measured (values are immutable): one that comes back after its last holder let go is not measured again. */
  private readonly measured = new WeakMap<object, Measured>();

  constructor(private readonly elsewhere: (value: object) => boolean = () => false) {}

  has(value: object): boolean {
    return this.held.has(value);
  }

  hold(value: object, measure: (value: object) => Measured): void {
    const known = this.held.get(value);
    if (known !== undefined) {
      known.count += 1;
      return;
    }
    if (this.elsewhere(value)) return;
    let measured = this.measured.get(value);
    if (measured === undefined) this.measured.set(value, (measured = measure(value)));
    const { own, parts } = measured;
    this.held.set(value, { count: 1, own, parts: parts.map(([part]) => part) });
    this.bytes += ENTRY_BYTES + own;
    for (const [part, how] of parts) this.hold(part, how);
  }

  release(value: object): void {
    const known = this.held.get(value);
    if (known === undefined) return;
    known.count -= 1;
    if (known.count > 0) return;
    this.held.delete(value);
    this.bytes -= ENTRY_BYTES + known.own;
    for (const part of known.parts) this.release(part);
  }
}
