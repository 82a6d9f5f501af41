import { EMPTY_LAYOUT, type HouseLayout, type LayoutItem, type StaleItem } from '../core/layout';
import { applyLayoutChange } from '../core/layoutApply';
import { parseHouseLayout } from '../core/layoutParse';
import { selectDeviceName } from '../store/selectors';
import { useHearthStore } from '../store/store';
import { type Fetch, fetchLayout, type LayoutAnswer, postLayoutChange } from './layoutApi';

/** Where a standalone screen keeps the layout (other tabs of this browser follow it). */
export const LAYOUT_STORAGE_KEY = 'hearth.layout.v1';
/** A write the server could not take is tried again after this, doubling up to the maximum. */
export const LAYOUT_RETRY_MIN_MS = 1000;
export const LAYOUT_RETRY_MAX_MS = 30_000;

/** What the sync needs of the browser, injected so tests can stand in for it. */
export interface LayoutSyncPlatform {
  fetch: Fetch;
  /** Opens the server's stream of layout versions (an EventSource in the browser). */
  openEvents(url: string): LayoutEventSource;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Calls back with another tab's write of a storage key; returns the unsubscribe. */
  onStorage(listener: (key: string | null, value: string | null) => void): () => void;
  /** Calls back when the page is shown or hidden; returns the unsubscribe. Absent: always shown. */
  onVisibility?(listener: (visible: boolean) => void): () => void;
  retryMinMs?: number;
}

/** A stream the server closed for good (a 503 when it has too many) is opened again after this. */
export const LAYOUT_EVENTS_REOPEN_MS = 15_000;

/** The part of an EventSource the sync uses. */
export interface LayoutEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
  /** 2 (CLOSED) once the browser gave up reconnecting. */
  readonly readyState?: number;
}

/**
 * Keeps the store's layout where it lives. Asks `/api/layout` at start (never holding the first
 * paint or the broker): a Hearth server that answers keeps it, and its event stream says when
 * another screen changed it (this screen then fetches it again; its own echo is not fetched
 * twice, and a dropped stream fetches once when it is back). Changes go to the server one at a
 * time, in order, each on the version last confirmed; an answer is adopted with the changes still
 * waiting applied on top, so the screen never steps back. A server that cannot be reached gets
 * the change again later (one notice says so); a refused change is said in words and the
 * server's layout comes back. With no server the layout is kept in this browser's localStorage and
 * other tabs follow it. Returns the stop function.
 */
export function startLayoutSync(platform: LayoutSyncPlatform = browserPlatform()): () => void {
  const store = useHearthStore;
  const retryMinMs = platform.retryMinMs ?? LAYOUT_RETRY_MIN_MS;
  let stopped = false;
  let mode: 'asking' | 'server' | 'browser' = 'asking';
  /** The layout as the server last confirmed it. */
  let confirmed: HouseLayout | null = null;
  /** Changes made here and not yet confirmed, oldest first (the first may be on its way). */
  const queue: LayoutItem[][] = [];
  let sending = false;
  let retryMs = retryMinMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let toldUnsaved = false;
  /** The newest version the event stream announced. */
  let announced = 0;
  let fetching: Promise<void> | null = null;
  let fetchAgain = false;
  const cleanups: Array<() => void> = [];

  /** The confirmed layout with the changes still waiting applied on top. */
  const withQueued = (base: HouseLayout) =>
    queue.reduce(
      (layout, items) => applyLayoutChange(layout, { baseVersion: layout.version, items }).layout,
      base,
    );

  const adoptServer = (layout: HouseLayout) => {
    if (confirmed !== null && layout.version < confirmed.version) return;
    confirmed = layout;
    store.getState().adoptLayout(withQueued(layout), 'server');
  };

  const refetch = (): Promise<void> => {
    if (fetching !== null) {
      fetchAgain = true;
      return fetching;
    }
    fetching = (async () => {
      do {
        fetchAgain = false;
        const answer = await fetchLayout(platform.fetch);
        if (stopped) return;
        if (answer.kind === 'layout') adoptServer(answer.layout);
      } while (fetchAgain && !stopped);
    })().finally(() => {
      fetching = null;
    });
    return fetching;
  };

  const send = async () => {
    const items = queue[0];
    if (stopped || sending || mode !== 'server' || confirmed === null || items === undefined) return;
    sending = true;
    const answer = await postLayoutChange(platform.fetch, { baseVersion: confirmed.version, items });
    sending = false;
    if (stopped) return;
    if (answer.kind === 'unreachable') {
      if (!toldUnsaved) {
        toldUnsaved = true;
        store.getState().notify('Layout not saved yet: the server cannot be reached. Retrying.', 'error');
      }
      timer = setTimeout(() => {
        timer = null;
        void send();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, LAYOUT_RETRY_MAX_MS);
      return;
    }
    queue.shift();
    retryMs = retryMinMs;
    if (toldUnsaved) {
      toldUnsaved = false;
      store.getState().notify('Layout saved: the server is back.', 'info');
    }
    if (answer.kind === 'layout') {
      const before = store.getState().layout;
      adoptServer(answer.layout);
      if (answer.stale.length > 0) {
        store.getState().notify(staleNotice(answer.stale, answer.layout, before), 'info');
      }
      if (announced > answer.layout.version) void refetch();
    } else {
      store.getState().notify(`Layout change not saved: ${answer.reason}.`, 'error');
      void refetch();
    }
    void send();
  };

  const saveInBrowser = () => {
    try {
      platform.storage?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(store.getState().layout));
    } catch {
      store.getState().notify('Layout not saved: this browser refused to store it.', 'error');
    }
  };

  store.getState().setLayoutWriter((items) => {
    if (mode === 'browser') {
      saveInBrowser();
      return;
    }
    queue.push([...items]);
    void send();
  });

  const keepOnServer = (layout: HouseLayout) => {
    mode = 'server';
    adoptServer(layout);
    let events: LayoutEventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    const closeStream = () => {
      if (reopen !== null) clearTimeout(reopen);
      reopen = null;
      events?.close();
      events = null;
    };
    // A browser shares six connections to a server among all its tabs and each open stream holds
    // one: a hidden tab lets go of its stream, and fetches what changed when it is shown again
    // (the stream's first event names the current version).
    const openStream = () => {
      if (stopped || events !== null) return;
      const stream = platform.openEvents('/api/layout/events');
      events = stream;
      let opens = 0;
      // The stream reconnects by itself; what changed while it was down is fetched once.
      stream.addEventListener('open', () => {
        opens += 1;
        if (opens > 1) void refetch();
      });
      stream.addEventListener('error', () => {
        if (stream.readyState !== 2 || events !== stream || reopen !== null) return;
        events = null;
        reopen = setTimeout(() => {
          reopen = null;
          openStream();
        }, LAYOUT_EVENTS_REOPEN_MS);
      });
      stream.addEventListener('layout', (event) => {
        const version = versionOf((event as MessageEvent).data);
        if (version === null) return;
        announced = Math.max(announced, version);
        // A change of ours on its way is answered with its layout; its echo needs no second fetch.
        if (!sending && confirmed !== null && version > confirmed.version) void refetch();
      });
    };
    openStream();
    if (platform.onVisibility !== undefined)
      cleanups.push(platform.onVisibility((visible) => (visible ? openStream() : closeStream())));
    cleanups.push(closeStream);
    void send();
  };

  const keepInBrowser = () => {
    mode = 'browser';
    const { layout, problem } = readBrowserLayout(platform.storage);
    const hadChanges = queue.length > 0;
    const merged = withQueued(layout);
    queue.length = 0;
    store.getState().adoptLayout(merged, 'browser', problem);
    if (hadChanges) saveInBrowser();
    cleanups.push(
      platform.onStorage((key, value) => {
        if (key !== LAYOUT_STORAGE_KEY || value === null) return;
        const parsed = parseStoredLayout(value);
        if (parsed !== null) store.getState().adoptLayout(parsed, 'browser');
      }),
    );
  };

  const start = async () => {
    let answer: LayoutAnswer = await fetchLayout(platform.fetch);
    // A server error is a server that is there: ask again rather than keep the layout apart.
    for (let attempt = 1; answer.kind === 'unreachable' && answer.status !== undefined; attempt++) {
      if (stopped || attempt > 3) break;
      await new Promise((resolve) => setTimeout(resolve, retryMinMs * attempt));
      answer = await fetchLayout(platform.fetch);
    }
    if (stopped) return;
    if (answer.kind === 'layout') keepOnServer(answer.layout);
    else keepInBrowser();
  };
  void start();

  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    for (const cleanup of cleanups) cleanup();
    store.getState().setLayoutWriter(null);
  };
}

/** The layout this browser keeps, or an empty one (with a problem in words when it was unreadable). */
function readBrowserLayout(storage: LayoutSyncPlatform['storage']): {
  layout: HouseLayout;
  problem?: string;
} {
  let text: string | null = null;
  try {
    text = storage?.getItem(LAYOUT_STORAGE_KEY) ?? null;
  } catch {
    return { layout: emptyLayout() };
  }
  if (text === null) return { layout: emptyLayout() };
  const parsed = parseStoredLayout(text);
  if (parsed !== null) return { layout: parsed };
  return {
    layout: emptyLayout(),
    problem: 'The rooms and names saved in this browser were unreadable; starting without them.',
  };
}

function parseStoredLayout(text: string): HouseLayout | null {
  try {
    const parsed = parseHouseLayout(JSON.parse(text) as unknown);
    return parsed.ok ? parsed.layout : null;
  } catch {
    return null;
  }
}

function emptyLayout(): HouseLayout {
  return EMPTY_LAYOUT;
}

/** `{"version":N}` from the event stream, or null. */
function versionOf(data: unknown): number | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    if (parsed === null || typeof parsed !== 'object') return null;
    const version = (parsed as Record<string, unknown>).version;
    return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
  } catch {
    return null;
  }
}

/** "Kitchen was changed on another screen meanwhile; your change replaced it." */
export function staleNotice(stale: readonly StaleItem[], layout: HouseLayout, before: HouseLayout): string {
  const state = useHearthStore.getState();
  // Named as they are now; an item the change removed, as it was.
  const names = stale.map(
    (item) => staleName(item, layout, state) ?? staleName(item, before, state) ?? item.id ?? item.type,
  );
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  const verb = names.length === 1 ? 'was' : 'were';
  return `${shown.join(', ')} ${verb} changed on another screen meanwhile; your change replaced it.`;
}

function staleName(
  item: StaleItem,
  layout: HouseLayout,
  state: ReturnType<typeof useHearthStore.getState>,
): string | undefined {
  const id = item.id ?? '';
  switch (item.type) {
    case 'room':
      return layout.rooms[id]?.name;
    case 'floor':
      return layout.floors[id]?.name;
    case 'view':
      return layout.views[id]?.name;
    case 'device':
      return layout.devices[id]?.alias ?? selectDeviceName(id)(state);
    case 'ignoredAreas':
      return 'The list of ignored rooms';
    case 'topicRoomsDismissed':
      return 'The suggested rooms';
  }
}

function browserPlatform(): LayoutSyncPlatform {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    openEvents: (url) => new EventSource(url),
    storage,
    onStorage(listener) {
      const onEvent = (event: StorageEvent) => listener(event.key, event.newValue);
      window.addEventListener('storage', onEvent);
      return () => window.removeEventListener('storage', onEvent);
    },
    onVisibility(listener) {
      const onChange = () => listener(document.visibilityState !== 'hidden');
      document.addEventListener('visibilitychange', onChange);
      return () => document.removeEventListener('visibilitychange', onChange);
    },
  };
}
