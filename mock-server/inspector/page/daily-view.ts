/**
 * Daily: each room with its live participants as a grid of permissions. A cell that differs from
 * what the participant joined with (its `joinPermissions`) is marked "changed" (✎, and the value it
 * joined with); a cell whose value changed since the page last drew it is marked "just changed" (◆)
 * for a few seconds. Both marks are text as well as colour.
 */
import { h, replaceChildren, type Child } from './dom.js';
import { ChangeMarks, replaceIn } from './marks.js';
import { allows, CAN_ADMIN, CAN_SEND, type DailyRoom, type Participant, type Permissions } from './model.js';

interface Column {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  /** The cell's value as text (compared to tell changes), from a participant's permissions. */
  value(p: Permissions): string;
}

const bool = (value: boolean): string => (value ? '✓ yes' : '✗ no');

function receiveBase(p: Permissions): string {
  const base = p.canReceive.base;
  if (typeof base === 'boolean') return bool(base);
  const on = Object.entries(base)
    .filter(([, v]) => v === true || (typeof v === 'object' && v !== null))
    .map(([k]) => k);
  return on.length === 0 ? '✗ none' : on.join(', ');
}

function overrides(rules: Record<string, unknown> | undefined): string {
  if (rules === undefined) return '—';
  const entries = Object.entries(rules);
  if (entries.length === 0) return '—';
  return entries
    .map(([who, rule]) => `${who}: ${typeof rule === 'boolean' ? bool(rule) : JSON.stringify(rule)}`)
    .join('; ');
}

const COLUMNS: readonly Column[] = [
  { key: 'hasPresence', label: 'presence', group: 'hasPresence', value: (p) => bool(p.hasPresence) },
  ...CAN_SEND.map((medium) => ({
    key: `canSend.${medium}`,
    label: medium,
    group: 'canSend',
    value: (p: Permissions) => bool(allows(p.canSend, medium)),
  })),
  { key: 'canReceive.base', label: 'base', group: 'canReceive', value: receiveBase },
  {
    key: 'canReceive.byUserId',
    label: 'by user',
    group: 'canReceive',
    value: (p) => overrides(p.canReceive.byUserId),
  },
  {
    key: 'canReceive.byParticipantId',
    label: 'by participant',
    group: 'canReceive',
    value: (p) => overrides(p.canReceive.byParticipantId),
  },
  ...CAN_ADMIN.map((task) => ({
    key: `canAdmin.${task}`,
    label: task,
    group: 'canAdmin',
    value: (p: Permissions) => bool(allows(p.canAdmin, task)),
  })),
];

export class DailyView {
  private rooms: DailyRoom[] = [];
  private readonly marks = new ChangeMarks();

  constructor(private readonly root: HTMLElement) {}

  setRooms(rooms: readonly DailyRoom[]): void {
    this.rooms = [...rooms];
    this.render();
  }

  /** One room read again (or gone: undefined). */
  setRoom(name: string, room: DailyRoom | undefined): void {
    replaceIn(this.rooms, (r) => r.name === name, room);
    this.render();
  }

  /** Forget what was drawn (another namespace): nothing is "just changed" on the first drawing. */
  forget(): void {
    this.marks.forget();
  }

  private render(): void {
    this.marks.begin(Date.now());
    const sections = this.rooms.map((room) => this.renderRoom(room));
    replaceChildren(
      this.root,
      h('h2', {}, 'Daily rooms'),
      this.rooms.length === 0 ? h('p', {}, 'No Daily rooms in this namespace.') : null,
      ...sections,
    );
    this.marks.end(() => this.render());
  }

  private renderRoom(room: DailyRoom): HTMLElement {
    const caption = `${room.name} (${room.privacy}): ${room.participants.length} participant${room.participants.length === 1 ? '' : 's'}`;
    if (room.participants.length === 0) {
      return h(
        'section',
        { class: 'room', 'aria-label': `room ${room.name}` },
        h('h3', {}, caption),
        h('p', {}, 'No call in progress.'),
      );
    }
    const groups: Child[] = [
      h('th', { scope: 'col', rowspan: '2' }, 'participant'),
      h('th', { scope: 'col', rowspan: '2' }, 'owner'),
    ];
    for (const group of ['hasPresence', 'canSend', 'canReceive', 'canAdmin']) {
      const span = COLUMNS.filter((c) => c.group === group).length;
      groups.push(h('th', { scope: 'colgroup', colspan: String(span) }, group));
    }
    groups.push(h('th', { scope: 'col', rowspan: '2' }, 'since join'));
    const labels = COLUMNS.map((c) => h('th', { scope: 'col' }, c.label));
    const rows = room.participants.map((p) => this.renderParticipant(room.name, p));
    return h(
      'section',
      { class: 'room', 'aria-label': `room ${room.name}` },
      h('h3', {}, caption),
      h(
        'div',
        { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `permissions in ${room.name}` },
        h(
          'table',
          { class: 'grid', 'data-room': room.name },
          h('thead', {}, h('tr', {}, ...groups), h('tr', {}, ...labels)),
          h('tbody', {}, ...rows),
        ),
      ),
    );
  }

  private renderParticipant(roomName: string, p: Participant): HTMLElement {
    const joined = p.joinPermissions;
    let changedSinceJoin = 0;
    const cells = COLUMNS.map((column) => {
      const value = column.value(p.permissions);
      const fresh = this.marks.note(`${roomName}/${p.id}/${column.key}`, value);
      const was = joined === undefined ? value : column.value(joined);
      const changed = was !== value;
      if (changed) changedSinceJoin += 1;
      const classes = ['cell', value.startsWith('✗') ? 'off' : 'on', changed ? 'changed' : '', fresh ? 'fresh' : '']
        .filter(Boolean)
        .join(' ');
      return h(
        'td',
        { class: classes, 'data-column': column.key, ...(changed && { title: `joined with: ${was}` }) },
        value,
        changed ? h('span', { class: 'mark' }, ` ✎ changed (was ${was})`) : null,
        fresh ? h('span', { class: 'mark fresh-mark' }, ' ◆ just changed') : null,
      );
    });
    const name = p.userName ?? p.userId ?? p.id;
    return h(
      'tr',
      { 'data-participant': p.id },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'who' }, name),
        h('code', { class: 'id' }, p.id),
        p.userId !== null && p.userId !== p.id ? h('span', { class: 'user' }, `user ${p.userId}`) : null,
      ),
      h('td', {}, p.owner ? '★ owner' : '—'),
      ...cells,
      h('td', { class: 'since' }, changedSinceJoin === 0 ? 'as joined' : `✎ ${changedSinceJoin} changed`),
    );
  }
}
