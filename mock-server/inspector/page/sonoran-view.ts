/**
 * Sonoran Radio: each community's members with their permission mask as named bits, their
 * private-channel access and status, and the users connected to each room with the channels they
 * transmit on and scan. A value that changed since the page last drew it is marked "just changed".
 */
import { h, replaceChildren, type Child } from './dom.js';
import { PERMISSION_BITS, type Community, type Member } from './model.js';

const FLASH_MS = 6000;

function status(member: Member): string {
  if (member.banned) return '✗ banned';
  if (member.pending) return '… pending';
  return member.approved ? '✓ approved' : '✗ not approved';
}

export class SonoranView {
  private communities: Community[] = [];
  private readonly seen = new Map<string, string>();
  private readonly changedAt = new Map<string, number>();
  private timer: number | undefined;

  constructor(private readonly root: HTMLElement) {}

  setCommunities(communities: readonly Community[]): void {
    this.communities = [...communities];
    this.render();
  }

  setCommunity(id: string, community: Community | undefined): void {
    const at = this.communities.findIndex((c) => c.id === id);
    if (community === undefined) {
      if (at !== -1) this.communities.splice(at, 1);
    } else if (at === -1) this.communities.push(community);
    else this.communities[at] = community;
    this.render();
  }

  forget(): void {
    this.seen.clear();
    this.changedAt.clear();
  }

  private render(): void {
    const now = Date.now();
    const first = this.seen.size === 0;
    replaceChildren(
      this.root,
      h('h2', {}, 'Sonoran Radio communities'),
      this.communities.length === 0 ? h('p', {}, 'No Sonoran communities in this namespace.') : null,
      ...this.communities.map((c) => this.renderCommunity(c, now, first)),
    );
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    if ([...this.changedAt.values()].some((t) => now - t < FLASH_MS))
      this.timer = window.setTimeout(() => this.render(), FLASH_MS / 2);
  }

  /** A cell whose text is compared with the last drawing. */
  private cell(
    key: string,
    text: string,
    now: number,
    first: boolean,
    extra: Record<string, string> = {},
  ): HTMLElement {
    const before = this.seen.get(key);
    if (!first && before !== undefined && before !== text) this.changedAt.set(key, now);
    this.seen.set(key, text);
    const fresh = now - (this.changedAt.get(key) ?? -Infinity) < FLASH_MS;
    const off = text.startsWith('✗') || text === '—';
    return h(
      'td',
      { class: ['cell', off ? 'off' : 'on', fresh ? 'fresh' : ''].filter(Boolean).join(' '), ...extra },
      text,
      fresh ? h('span', { class: 'mark fresh-mark' }, ' ◆ just changed') : null,
    );
  }

  private renderCommunity(community: Community, now: number, first: boolean): HTMLElement {
    const channelName = new Map(community.channels.map((c) => [c.id, c.name]));
    const named = (id: number): string => `${id} ${channelName.get(id) ?? '?'}`;
    const privateChannels = community.channels.filter((c) => c.private);
    const head: Child[] = [
      h('th', { scope: 'col' }, 'member'),
      h('th', { scope: 'col' }, 'status'),
      h('th', { scope: 'col' }, 'mask'),
      ...PERMISSION_BITS.map((bit) => h('th', { scope: 'col', class: 'bit' }, bit)),
      ...privateChannels.map((c) => h('th', { scope: 'col' }, `🔒 ${named(c.id)}`)),
    ];
    const rows = community.members.map((m) => {
      const key = `${community.id}/${m.accId}`;
      const access = new Map(m.profilePerms.map((row) => [row.profileId, row.canJoin]));
      return h(
        'tr',
        { 'data-member': m.accId },
        h('th', { scope: 'row' }, h('span', { class: 'who' }, m.displayName), h('code', { class: 'id' }, m.accId)),
        this.cell(`${key}/status`, status(m), now, first),
        this.cell(
          `${key}/mask`,
          `${m.permission} (${m.permissionNames.length === 0 ? 'none' : m.permissionNames.join(' + ')})`,
          now,
          first,
          {
            'data-column': 'mask',
          },
        ),
        ...PERMISSION_BITS.map((bit) =>
          this.cell(`${key}/${bit}`, m.permissionNames.includes(bit) ? '✓ yes' : '✗ no', now, first, {
            'data-column': bit,
          }),
        ),
        ...privateChannels.map((c) => {
          const can = access.get(c.id);
          return this.cell(
            `${key}/channel-${c.id}`,
            can === undefined ? '—' : can ? '✓ may join' : '✗ denied',
            now,
            first,
          );
        }),
      );
    });
    const connected = community.rooms.map((room) =>
      h(
        'li',
        {},
        `room ${room.id}: `,
        room.users.length === 0
          ? 'nobody connected'
          : h(
              'ul',
              {},
              ...room.users.map((u) =>
                h(
                  'li',
                  { 'data-radio-user': u.identity },
                  h('span', { class: 'who' }, u.name),
                  ` (${u.identity}): transmit ${u.transmit.length === 0 ? '—' : u.transmit.map(named).join(', ')}; scan ${u.scan.length === 0 ? '—' : u.scan.map(named).join(', ')}`,
                ),
              ),
            ),
      ),
    );
    return h(
      'section',
      { class: 'community', 'aria-label': `community ${community.id}` },
      h('h3', {}, `${community.name} (${community.id}): ${community.members.length} members`),
      h(
        'div',
        { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `members of ${community.id}` },
        h(
          'table',
          { class: 'grid', 'data-community': community.id },
          h('thead', {}, h('tr', {}, ...head)),
          h('tbody', {}, ...rows),
        ),
      ),
      h('h4', {}, 'Connected radio users'),
      h('ul', { class: 'connected' }, ...connected),
    );
  }
}
