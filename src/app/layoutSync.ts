import {
  EMPTY_LAYOUT,
  type HouseLayout,
  type LayoutItem,
  type LayoutVersion,
  type StaleItem,
} from '../core/layout';
import { applyLayoutChange } from '../core/layoutApply';
import { parseHouseLayout } from '../core/layoutParse';
import { selectDeviceName } from '../store/selectors';
import { useHearthStore } from '../store/store';
import { type Fetch, fetchLayout, type LayoutAnswer, postLayoutChange } from './layoutApi';
import { watchSignOut } from './signInApi';

/** Where a standalone screen keeps the layout (other tabs of this browser follow it). */
export const LAYOUT_STORAGE_KEY = 'hearth.layout.v1';
/** Where this screen found the layout last time ('server' or 'browser'), for a start with no answer. */
export const LAYOUT_SOURCE_KEY = 'hearth.layout.source';
/**
 * A write the server could not take, or a server that could not be reached at start, is tried
 * again after this, doubling up to the maximum.
 */
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
  /** Calls back when the page is going away (reloaded, closed, navigated); returns the unsubscribe. */
  onPageHide?(listener: () => void): () => void;
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

/** A change made on this screen and not yet confirmed. */
interface QueuedChange {
  items: LayoutItem[];
  /** The confirmed version the change was made on: what someone else wrote after it, it overwrites unseen. */
  base: LayoutVersion;
}

/**
 * Keeps the store's layout where it lives. Asks `/api/layout` at start (never holding the first
 * paint or the broker): a Hearth server that answers keeps it, and its event stream says when
 * another screen changed it (this screen then fetches it again; its own echo is not fetched
 * twice, and a dropped stream fetches once when it is back). Only a definite "no layout here"
 * (404, a page, another shape) keeps the layout in this browser: a server that cannot be reached
 * or fails is asked again (1 s doubling to 30 s) for as long as it takes, the source staying
 * unknown, since a wall tablet may boot before the server after a power cut.
 *
 * One request at a time: changes go to the server in order, each on the version last confirmed,
 * and a fetch waits for the change on its way (and the other way round), so every answer is newer
 * than the one before it and a lower version can only be a server whose layout was reset; that
 * layout is adopted. An answer is adopted with the changes still waiting applied on top, so the
 * screen never steps back. The editor is told, once per item, when a change overwrote what another
 * screen wrote after the change was made: by the server (written after the version it was sent
 * on) or found here (written between the version it was made on and the one it was sent on, by no
 * write of this screen's). A server that cannot be reached gets the change again later (one notice
 * says so); a refused change is said in words and the server's layout comes back. Changes still
 * waiting when the page goes away (a setting ticked, then the screen reloaded at once) are sent
 * then, together, in one request that outlives the page. With no server
 * the layout is kept in this browser's localStorage and other tabs follow it. Returns the stop
 * function.
 */
export function startLayoutSync(platform: LayoutSyncPlatform = browserPlatform()): () => void {
  const store = useHearthStore;
  const retryMinMs = platform.retryMinMs ?? LAYOUT_RETRY_MIN_MS;
  let stopped = false;
  let mode: 'asking' | 'server' | 'browser' = 'asking';
  /** The layout as the server last confirmed it. */
  let confirmed: HouseLayout | null = null;
  /** Changes made here and not yet confirmed, oldest first (the first may be on its way). */
  const queue: QueuedChange[] = [];
  /**
   * The versions this screen's own writes made (from their answers), kept while a waiting change
   * was made on an older version: its items at these versions are its own, not another screen's.
   */
  const ownVersions = new Set<LayoutVersion>();
  let sending = false;
  let retryMs = retryMinMs;
  /** The one wait under way: asking for the server again at start, or sending a change again. */
  let timer: ReturnType<typeof setTimeout> | null = null;
  let toldUnsaved = false;
  /** The version the event stream last announced while a change was on its way, if it did. */
  let announcedWhileSending: LayoutVersion | null = null;
  /** A fetch asked for while a change was on its way, made once it is answered. */
  let fetchAfterSend = false;
  let fetching: Promise<void> | null = null;
  let fetchAgain = false;
  const cleanups: Array<() => void> = [];

  /** The confirmed layout with the changes still waiting applied on top. */
  const withQueued = (base: HouseLayout) =>
    queue.reduce(
      (layout, { items }) => applyLayoutChange(layout, { baseVersion: layout.version, items }).layout,
      base,
    );

  const adoptServer = (layout: HouseLayout) => {
    if (confirmed !== null && layout.version < confirmed.version) {
      // A reset (a new layout file): its versions start over, so this screen's own versions say
      // nothing about it, and the changes waiting are taken as made on it.
      ownVersions.clear();
      for (const change of queue) change.base = layout.version;
    }
    confirmed = layout;
    store.getState().adoptLayout(withQueued(layout), 'server');
  };

  const refetch = (): Promise<void> => {
    if (sending) {
      fetchAfterSend = true;
      return Promise.resolve();
    }
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
      // A change waiting to be sent again keeps its wait.
      if (timer === null) void send();
    });
    return fetching;
  };

  const send = async () => {
    const change = queue[0];
    if (stopped || sending || fetching !== null || mode !== 'server' || confirmed === null) return;
    if (change === undefined) return;
    sending = true;
    announcedWhileSending = null;
    const overwritten = overwrittenUnseen(confirmed, change, ownVersions);
    // Sent on the version confirmed now, not the one the change was made on: the server then
    // reports only what this screen has not seen (`overwritten` covers the rest), never an earlier
    // write of this screen's.
    const answer = await postLayoutChange(platform.fetch, {
      baseVersion: confirmed.version,
      items: change.items,
    });
    sending = false;
    if (stopped) return;
    const announced = announcedWhileSending;
    const fetchAsked = fetchAfterSend;
    fetchAfterSend = false;
    if (answer.kind === 'unreachable') {
      if (!toldUnsaved) {
        toldUnsaved = true;
        store.getState().notify('Layout not saved yet: the server cannot be reached. Retrying.', 'error');
      }
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void send();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, LAYOUT_RETRY_MAX_MS);
      // What another screen wrote meanwhile is shown while this change waits to be sent again.
      if (fetchAsked || announced !== null) void refetch();
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
      ownVersions.add(answer.layout.version);
      forgetOwnVersionsNoLongerNeeded();
      const stale = uniqueItems([...overwritten, ...answer.stale]);
      if (stale.length > 0) store.getState().notify(staleNotice(stale, answer.layout, before), 'info');
      // Announced meanwhile and not this answer: another screen wrote after it, or the layout was reset.
      if (fetchAsked || (announced !== null && announced !== answer.layout.version)) void refetch();
    } else {
      store.getState().notify(`Layout change not saved: ${answer.reason}.`, 'error');
      void refetch();
    }
    void send();
  };

  /**
   * The page is going away: the changes waiting behind the one on its way would go with it, so
   * they leave now, together (a `keepalive` request outlives the page). A page that lives on (kept
   * in the back-forward cache) takes the answer as it takes any: the version written is its own,
   * and a change the server could not take waits in the queue again.
   */
  const sendWaitingNow = () => {
    if (stopped || mode !== 'server' || confirmed === null) return;
    const waiting = queue.splice(sending ? 1 : 0);
    const first = waiting[0];
    if (first === undefined) return;
    const items = waiting.flatMap((change) => change.items);
    void postLayoutChange(platform.fetch, { baseVersion: confirmed.version, items }).then((answer) => {
      if (stopped) return;
      if (answer.kind === 'layout') {
        ownVersions.add(answer.layout.version);
        void refetch();
        return;
      }
      queue.push({ items, base: first.base });
      void send();
    });
  };

  /** Keeps only the own versions newer than a waiting change's base (none once all are sent). */
  const forgetOwnVersionsNoLongerNeeded = () => {
    const oldestBase = queue.reduce((oldest, change) => Math.min(oldest, change.base), Infinity);
    for (const version of ownVersions) if (version <= oldestBase) ownVersions.delete(version);
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
    queue.push({ items: [...items], base: confirmed?.version ?? EMPTY_LAYOUT.version });
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
        // A change of ours on its way is answered with its layout; its echo needs no second fetch.
        if (sending) announcedWhileSending = version;
        // Lower too: the server's layout was reset (or an older event crossed an answer: one fetch).
        else if (confirmed !== null && version !== confirmed.version) void refetch();
      });
    };
    openStream();
    if (platform.onVisibility !== undefined)
      cleanups.push(platform.onVisibility((visible) => (visible ? openStream() : closeStream())));
    if (platform.onPageHide !== undefined) cleanups.push(platform.onPageHide(sendWaitingNow));
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

  const rememberSource = (source: 'server' | 'browser') => {
    try {
      platform.storage?.setItem(LAYOUT_SOURCE_KEY, source);
    } catch {
      // A full or refused storage only costs the next offline start its shortcut.
    }
  };
  const start = async () => {
    let answer: LayoutAnswer = await fetchLayout(platform.fetch);
    // A screen that kept its layout in this browser last time (static files, no Hearth server)
    // and gets no answer is offline: its own copy is the layout, at once.
    if (answer.kind === 'unreachable' && readSource(platform.storage) === 'browser') {
      keepInBrowser();
      return;
    }
    // No answer, or a server error, may be a server not up yet (a tablet booting first after a
    // power cut): keeping the layout in this browser then would hide the house's for good.
    for (let waitMs = retryMinMs; answer.kind === 'unreachable' && !stopped; ) {
      await new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      timer = null;
      if (stopped) return;
      answer = await fetchLayout(platform.fetch);
      waitMs = Math.min(waitMs * 2, LAYOUT_RETRY_MAX_MS);
    }
    if (stopped) return;
    if (answer.kind === 'layout') {
      rememberSource('server');
      keepOnServer(answer.layout);
    } else {
      rememberSource('browser');
      keepInBrowser();
    }
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
function readSource(storage: LayoutSyncPlatform['storage']): string | null {
  try {
    return storage?.getItem(LAYOUT_SOURCE_KEY) ?? null;
  } catch {
    return null;
  }
}

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

/**
 * The items of `change` that someone else wrote after the version it was made on, as far as
 * `confirmed` shows: a newer `rev` made by none of this screen's writes (`own`). An item someone
 * removed meanwhile leaves no `rev`, and is not found. `ignoredAreas` and `topicRoomsDismissed`
 * carry none either (the server never reports them).
 */
function overwrittenUnseen(
  confirmed: HouseLayout,
  change: QueuedChange,
  own: ReadonlySet<LayoutVersion>,
): StaleItem[] {
  const found: StaleItem[] = [];
  for (const item of change.items) {
    const rev = revOf(confirmed, item);
    if (rev !== undefined && rev > change.base && !own.has(rev) && 'id' in item) {
      found.push({ type: item.type, id: item.id });
    }
  }
  return uniqueItems(found);
}

/** The `rev` of the item `item` puts, as `layout` has it; undefined when it has none. */
function revOf(layout: HouseLayout, item: LayoutItem): LayoutVersion | undefined {
  switch (item.type) {
    case 'floor':
      return revIn(layout.floors, item.id);
    case 'room':
      return revIn(layout.rooms, item.id);
    case 'device':
      return revIn(layout.devices, item.id);
    case 'view':
      return revIn(layout.views, item.id);
    case 'ignoredAreas':
    case 'topicRoomsDismissed':
      return undefined;
  }
}

function revIn(record: Record<string, { rev: LayoutVersion }>, id: string): LayoutVersion | undefined {
  // Own properties only: an id such as `__proto__` is an ordinary entry.
  return Object.hasOwn(record, id) ? record[id]?.rev : undefined;
}

/** Each item once, in first-seen order. */
function uniqueItems(items: readonly StaleItem[]): StaleItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.type}\u0000${item.id ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
    // A session that ended meanwhile (signed out elsewhere, password changed) shows the sign-in
    // again, once the session watch has asked the server to be sure.
    fetch: watchSignOut(
      (input, init) => globalThis.fetch(input, init),
      () => useHearthStore.getState().doubtSession(),
    ),
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
    onPageHide(listener) {
      window.addEventListener('pagehide', listener);
      return () => window.removeEventListener('pagehide', listener);
    },
  };
}
