/**
 * The inspector page: four views (Daily, Sonoran, Journal, Controls) behind keyboard-navigable
 * tabs, fed by the control API and kept live by GET /__admin/events. A state event names what
 * changed: those rooms and communities are read again (a change it cannot narrow reads the whole
 * state), and the journal grows from request events.
 */
import {
  ApiError,
  call,
  getNamespace,
  getToken,
  setNamespace,
  setToken,
  streamEvents,
  type StreamEvent,
} from './api.js';
import { ControlsView } from './controls-view.js';
import { DailyView } from './daily-view.js';
import { byId, h, replaceChildren } from './dom.js';
import { JournalView } from './journal-view.js';
import {
  summaryOf,
  type Community,
  type DailyRoom,
  type JournalEntry,
  type RequestSummary,
  type World,
} from './model.js';
import { SonoranView } from './sonoran-view.js';

const daily = new DailyView(byId('view-daily'));
const sonoran = new SonoranView(byId('view-sonoran'));
const journal = new JournalView(byId('view-journal'));
const controls = new ControlsView(byId('view-controls'));
const status = byId('connection');
const tokenForm = byId<HTMLFormElement>('token-form');
const tokenInput = byId<HTMLInputElement>('token');
const namespaceSelect = byId<HTMLSelectElement>('namespace');
let stop: (() => void) | undefined;

// Tabs: arrow keys move between them (one tab stop), Enter/Space or a click shows its view.
const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
function showTab(tab: HTMLButtonElement, focus = false): void {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = byId(other.getAttribute('aria-controls') ?? '');
    panel.hidden = !selected;
  }
  if (focus) tab.focus();
  history.replaceState(null, '', `#${tab.id.replace('tab-', '')}`);
}
for (const [i, tab] of tabs.entries()) {
  tab.addEventListener('click', () => showTab(tab));
  tab.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const target = event.key === 'Home' ? tabs[0] : tabs[tabs.length - 1];
      if (target !== undefined) showTab(target, true);
    }
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    if (next !== undefined) showTab(next, true);
  });
}
const initial = tabs.find((tab) => tab.id === `tab-${location.hash.slice(1)}`) ?? tabs[0];
if (initial !== undefined) showTab(initial);

function setStatus(text: string, kind: 'live' | 'waiting' | 'problem'): void {
  status.textContent = text;
  status.className = `connection ${kind}`;
}

function askForToken(reason: string): void {
  tokenForm.hidden = false;
  byId('token-reason').textContent = reason;
  tokenInput.focus();
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setToken(tokenInput.value.trim());
  tokenInput.value = '';
  tokenForm.hidden = true;
  void start();
});
byId('forget-token').addEventListener('click', () => {
  setToken(null);
  askForToken('The token was forgotten: enter it again to go on.');
  stop?.();
});

namespaceSelect.addEventListener('change', () => {
  setNamespace(namespaceSelect.value);
  daily.forget();
  sonoran.forget();
  void start();
});

async function loadNamespaces(): Promise<void> {
  const { namespaces } = await call<{ namespaces: { name: string }[] }>('GET', '/__admin/namespaces');
  const names = ['default', ...namespaces.map((n) => n.name)];
  const current = getNamespace();
  if (!names.includes(current)) names.push(current);
  replaceChildren(
    namespaceSelect,
    ...names.map((name) => h('option', { value: name, selected: name === current }, name)),
  );
}

async function loadState(): Promise<void> {
  const world = await call<World>('GET', '/__admin/state');
  daily.setRooms(world.daily.rooms);
  sonoran.setCommunities(world.sonoran.communities);
}

async function loadJournal(): Promise<void> {
  const { requests } = await call<{ requests: JournalEntry[] }>('GET', '/__admin/requests');
  journal.setRows(requests.map((entry) => summaryOf(getNamespace(), entry)));
}

async function read<T>(path: string): Promise<T | undefined> {
  try {
    return await call<T>('GET', path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

// What state events named, read again together a moment later (a burst of requests reads each room once).
const dirtyRooms = new Set<string>();
const dirtyCommunities = new Set<string>();
let dirtyAll = false;
let refreshTimer: number | undefined;

function refreshSoon(): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = undefined;
    void refresh();
  }, 50);
}

async function refresh(): Promise<void> {
  try {
    if (dirtyAll) {
      dirtyAll = false;
      dirtyRooms.clear();
      dirtyCommunities.clear();
      await Promise.all([loadState(), controls.refresh()]);
      return;
    }
    const rooms = [...dirtyRooms];
    const communities = [...dirtyCommunities];
    dirtyRooms.clear();
    dirtyCommunities.clear();
    await Promise.all([
      ...rooms.map(async (name) =>
        daily.setRoom(name, await read<DailyRoom>(`/__admin/daily/rooms/${encodeURIComponent(name)}`)),
      ),
      ...communities.map(async (id) =>
        sonoran.setCommunity(id, await read<Community>(`/__admin/sonoran/communities/${encodeURIComponent(id)}`)),
      ),
    ]);
  } catch (error) {
    setStatus(`✗ ${(error as Error).message}`, 'problem');
  }
}

function onEvent(event: StreamEvent): void {
  const data = event.data;
  switch (event.kind) {
    case 'ready':
      if (data.resumed !== true) {
        dirtyAll = true;
        refreshSoon();
      }
      return;
    case 'request':
      if (data.namespace === getNamespace()) journal.add(data as unknown as RequestSummary);
      return;
    case 'state': {
      if (data.namespace !== getNamespace()) return;
      if (data.all === true || (data.omitted as number) > 0) dirtyAll = true;
      for (const t of data.touched as { api: string; kind: string; id: string; room?: string; community?: string }[]) {
        if (t.api === 'daily') dirtyRooms.add(t.kind === 'room' ? t.id : (t.room ?? t.id));
        else dirtyCommunities.add(t.kind === 'community' ? t.id : (t.community ?? t.id));
      }
      refreshSoon();
      return;
    }
    case 'fault':
      if (data.namespace === getNamespace()) void controls.refresh();
      return;
    case 'namespace':
      void loadNamespaces();
      return;
  }
}

async function start(): Promise<void> {
  stop?.();
  setStatus('… connecting', 'waiting');
  try {
    await loadNamespaces();
    await Promise.all([loadState(), loadJournal(), controls.refresh(), controls.loadScenarios()]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setStatus('✗ the admin token is needed', 'problem');
      askForToken(
        getToken() === null
          ? 'This mock was started with an admin token: enter it to inspect it.'
          : 'That token was refused: enter the one the mock was started with.',
      );
      return;
    }
    setStatus(`✗ ${(error as Error).message}`, 'problem');
    return;
  }
  stop = streamEvents({
    onEvent,
    onStatus: (s) => {
      if (s === 'live') setStatus(`● live: namespace ${getNamespace()}`, 'live');
      else if (s === 'connecting') setStatus('… reconnecting', 'waiting');
      else if (s.status === 401) askForToken('The admin token was refused: enter the one the mock was started with.');
      else setStatus(`✗ ${s.message}`, 'problem');
    },
  });
}

void start();
