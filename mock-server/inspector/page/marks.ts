/**
 * The "just changed" marks of the grids: what each cell showed when last drawn, and when its text
 * last changed. A view begins each drawing, notes every cell's text, and ends the drawing; the
 * first drawing (or the first after `forget`, another namespace) marks nothing.
 */

/** How long a "just changed" mark stays, in ms. */
export const FLASH_MS = 6000;

export class ChangeMarks {
  private readonly seen = new Map<string, string>();
  private readonly changedAt = new Map<string, number>();
  private timer: number | undefined;
  private now = 0;
  private first = true;

  /** Start a drawing at `now` (ms). */
  begin(now: number): void {
    this.now = now;
    this.first = this.seen.size === 0;
  }

  /** Note a cell's text; true while the cell counts as just changed. */
  note(key: string, text: string): boolean {
    const before = this.seen.get(key);
    if (!this.first && before !== undefined && before !== text) this.changedAt.set(key, this.now);
    this.seen.set(key, text);
    return this.now - (this.changedAt.get(key) ?? -Infinity) < FLASH_MS;
  }

  /** End a drawing: `redraw` again while some mark is still shown, so that each goes when it is due. */
  end(redraw: () => void): void {
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    if ([...this.changedAt.values()].some((t) => this.now - t < FLASH_MS))
      this.timer = window.setTimeout(redraw, FLASH_MS / 2);
  }

  /** Forget what was drawn: nothing is "just changed" on the next drawing. */
  forget(): void {
    this.seen.clear();
    this.changedAt.clear();
  }
}

/** Put `item` in place of the entry `matches` finds; add it when none does; with undefined, drop that entry. */
export function replaceIn<T>(list: T[], matches: (entry: T) => boolean, item: T | undefined): void {
  const at = list.findIndex(matches);
  if (item === undefined) {
    if (at !== -1) list.splice(at, 1);
  } else if (at === -1) list.push(item);
  else list[at] = item;
}
