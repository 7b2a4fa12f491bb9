/**
 * Sonoran Radio: each community's members with their permission mask as named bits, their
 * private-channel access and status, and the users connected to each room with the channels they
 * transmit on and scan. A value that changed since the page last drew it is marked "just changed".
 */
import { h, replaceChildren, type Child } from './dom.js';
import { ChangeMarks, replaceIn } from './marks.js';
import { PERMISSION_BITS, type Community, type Member } from './model.js';

function status(member: Member): string {
  if (member.banned) return '✗ banned';
  if (member.pending) return '… pending';
  return member.approved ? '✓ approved' : '✗ not approved';
}

export class SonoranView {
  private communities: Community[] = [];
  private readonly marks = new ChangeMarks();

  constructor(private readonly root: HTMLElement) {}

  setCommunities(communities: readonly Community[]): void {
    this.communities = [...communities];
    this.render();
  }

  setCommunity(id: string, community: Community | undefined): void {
    replaceIn(this.communities, (c) => c.id === id, community);
    this.render();
  }

  forget(): void {
    this.marks.forget();
  }

  private render(): void {
    this.marks.begin(Date.now());
    replaceChildren(
      this.root,
      h('h2', {}, 'Sonoran Radio communities'),
      this.communities.length === 0 ? h('p', {}, 'No Sonoran communities in this namespace.') : null,
      ...this.communities.map((c) => this.renderCommunity(c)),
    );
    this.marks.end(() => this.render());
  }

  /** A cell whose text is compared with the last drawing. */
  private cell(key: string, text: string, extra: Record<string, string> = {}): HTMLElement {
    const fresh = this.marks.note(key, text);
    const off = text.startsWith('✗') || text === '—';
    return h(
      'td',
      { class: ['cell', off ? 'off' : 'on', fresh ? 'fresh' : ''].filter(Boolean).join(' '), ...extra },
      text,
      fresh ? h('span', { class: 'mark fresh-mark' }, ' ◆ just changed') : null,
    );
  }

  private renderCommunity(community: Community): HTMLElement {
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
        this.cell(`${key}/status`, status(m)),
        this.cell(
          `${key}/mask`,
          `${m.permission} (${m.permissionNames.length === 0 ? 'none' : m.permissionNames.join(' + ')})`,
          {
            'data-column': 'mask',
          },
        ),
        ...PERMISSION_BITS.map((bit) =>
          this.cell(`${key}/${bit}`, m.permissionNames.includes(bit) ? '✓ yes' : '✗ no', {
            'data-column': bit,
          }),
        ),
        ...privateChannels.map((c) => {
          const can = access.get(c.id);
          return this.cell(`${key}/channel-${c.id}`, can === undefined ? '—' : can ? '✓ may join' : '✗ denied');
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
