import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings';
import { EMPTY_LAYOUT, type HouseLayout, type LayoutChange, type LayoutItem } from '../core/layout';
import { applyLayoutChange } from '../core/layoutApply';
import { useHearthStore } from '../store/store';
import type { Fetch } from './layoutApi';
import {
  LAYOUT_RETRY_MIN_MS,
  LAYOUT_SOURCE_KEY,
  LAYOUT_STORAGE_KEY,
  type LayoutEventSource,
  type LayoutSyncPlatform,
  startLayoutSync,
} from './layoutSync';

const store = useHearthStore;

function alias(key: string, name: string): LayoutItem {
  return { type: 'device', id: key, value: { alias: name } };
}

function room(id: string, name: string): LayoutItem {
  return { type: 'room', id, value: { name, floorId: null, position: 0 } };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A Hearth server's layout routes, as the sync sees them through fetch. */
class FakeServer {
  layout: HouseLayout = EMPTY_LAYOUT;
  gets = 0;
  posts: LayoutChange[] = [];
  /** Answers the next POSTs with this status instead of taking them. */
  failing: number | 'network' | null = null;
  refusal: string | null = null;
  /** Answers GETs like this while set (a server not up yet, or failing). */
  getFailing: number | 'network' | null = null;
  /** Runs before each POST is taken (another screen writing meanwhile, an answer held back). */
  beforePost: ((post: number) => Promise<void> | void) | null = null;

  write(items: LayoutItem[]) {
    this.layout = applyLayoutChange(this.layout, { baseVersion: this.layout.version, items }).layout;
  }

  /** Starts over from a fresh layout file holding `items` (its versions start again at 1). */
  reset(items: LayoutItem[]) {
    this.layout = applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items }).layout;
  }

  fetch = async (_input: string, init?: RequestInit): Promise<Response> => {
    if (init?.method !== 'POST') {
      this.gets += 1;
      if (this.getFailing === 'network') throw new TypeError('Failed to fetch');
      if (this.getFailing !== null) return json({ error: 'boom' }, this.getFailing);
      return json({ version: this.layout.version, layout: this.layout });
    }
    if (this.failing === 'network') throw new TypeError('Failed to fetch');
    if (this.failing !== null) return json({ error: 'boom' }, this.failing);
    const change = JSON.parse(String(init.body)) as LayoutChange;
    this.posts.push(change);
    await this.beforePost?.(this.posts.length);
    if (this.refusal !== null) return json({ error: this.refusal }, 400);
    const applied = applyLayoutChange(this.layout, change);
    this.layout = applied.layout;
    return json({ version: this.layout.version, layout: this.layout, stale: applied.stale });
  };
}

class FakeEvents implements LayoutEventSource {
  listeners = new Map<string, Array<(event: Event) => void>>();
  closed = false;
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
}

function platform(fetcher: Fetch) {
  const storage = new Map<string, string>();
  const events: FakeEvents[] = [];
  let onStorage: ((key: string | null, value: string | null) => void) | null = null;
  let onVisibility: ((visible: boolean) => void) | null = null;
  let onPageHide: (() => void) | null = null;
  const fake: LayoutSyncPlatform = {
    fetch: fetcher,
    openEvents: () => {
      const source = new FakeEvents();
      events.push(source);
      return source;
    },
    storage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => {
        storage.set(key, value);
      },
    },
    onStorage(listener: (key: string | null, value: string | null) => void) {
      onStorage = listener;
      return () => {
        onStorage = null;
      };
    },
    onVisibility(listener: (visible: boolean) => void) {
      onVisibility = listener;
      return () => {
        onVisibility = null;
      };
    },
    onPageHide(listener: () => void) {
      onPageHide = listener;
      return () => {
        onPageHide = null;
      };
    },
    retryMinMs: 5,
  };
  return {
    events,
    storage,
    setVisible: (visible: boolean) => onVisibility?.(visible),
    hidePage: () => onPageHide?.(),
    otherTabWrites: (value: string) => onStorage?.(LAYOUT_STORAGE_KEY, value),
    platform: fake,
  };
}

/** A promise the test resolves when it chooses (a request held on the server). */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function kitchenAt(position: number): LayoutItem {
  return { type: 'room', id: 'kitchen', value: { name: 'Kitchen', floorId: null, position } };
}

const notices = () => store.getState().notices.map((n) => n.text);
let stop: () => void = () => {};

beforeEach(() => {
  store.setState({
    layout: EMPTY_LAYOUT,
    layoutSource: 'unknown',
    viewId: 'default',
    requestedView: null,
    layoutUndo: [],
    viewOverrides: {},
    settings: DEFAULT_SETTINGS,
    settingsProblems: [],
    notices: [],
  });
});
afterEach(() => stop());

describe('layout kept by a Hearth server', () => {
  it('shows the server layout and sends a change on the version it confirmed', async () => {
    const server = new FakeServer();
    server.write([alias('generic/hall', 'Hall')]);
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    expect(store.getState().layout.devices['generic/hall']?.alias).toBe('Hall');

    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    expect(store.getState().layout.devices['generic/hall']?.alias).toBe('Entrance');
    await vi.waitFor(() => expect(server.posts).toHaveLength(1));
    expect(server.posts[0]).toEqual({ baseVersion: 1, items: [alias('generic/hall', 'Entrance')] });
    await vi.waitFor(() => expect(store.getState().layout.version).toBe(2));
  });

  it('sends changes one at a time, in order, each on the version the last answer gave', async () => {
    const server = new FakeServer();
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add');
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add');
    await vi.waitFor(() => expect(server.posts).toHaveLength(2));
    expect(server.posts.map((p) => p.baseVersion)).toEqual([0, 1]);
    await vi.waitFor(() =>
      expect(Object.keys(store.getState().layout.rooms).sort()).toEqual(['hall', 'kitchen']),
    );
  });

  it('fetches the layout when another screen changed it, but not for its own change echoed back', async () => {
    const server = new FakeServer();
    const { events, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add');
    await vi.waitFor(() => expect(store.getState().layout.version).toBe(1));
    events[0]?.emit('layout', '{"version":1}');
    expect(server.gets).toBe(1);

    server.write([alias('generic/hall', 'Entrance')]);
    events[0]?.emit('layout', '{"version":2}');
    await vi.waitFor(() => expect(store.getState().layout.devices['generic/hall']?.alias).toBe('Entrance'));
    expect(server.gets).toBe(2);
  });

  it('lets go of the event stream while hidden and catches up when shown again', async () => {
    const server = new FakeServer();
    const { events, setVisible, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    setVisible(false);
    expect(events[0]?.closed).toBe(true);
    server.write([room('attic', 'Attic')]);
    setVisible(true);
    expect(events).toHaveLength(2);
    events[1]?.emit('layout', `{"version":${server.layout.version}}`);
    await vi.waitFor(() => expect(store.getState().layout.rooms.attic?.name).toBe('Attic'));
    setVisible(true);
    expect(events, 'a page shown twice keeps one stream').toHaveLength(2);
  });

  it('fetches once after the event stream reconnects', async () => {
    const server = new FakeServer();
    const { events, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    events[0]?.emit('open');
    server.write([room('attic', 'Attic')]);
    events[0]?.emit('open');
    await vi.waitFor(() => expect(store.getState().layout.rooms.attic?.name).toBe('Attic'));
    expect(server.gets).toBe(2);
  });

  it('tells the editor whose change replaced a newer one from another screen', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    server.write([{ type: 'room', id: 'kitchen', value: { name: 'Kitchen', floorId: null, position: 3 } }]);
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Cuisine')] }, 'Rename');
    await vi.waitFor(() =>
      expect(notices()).toEqual([
        'Cuisine was changed on another screen meanwhile; your change replaced it.',
      ]),
    );
    expect(server.layout.rooms.kitchen?.name).toBe('Cuisine');
  });

  it('keeps a change the server cannot take yet, says so once, and sends it when it can', async () => {
    const server = new FakeServer();
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    server.failing = 500;
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add');
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add');
    await vi.waitFor(() =>
      expect(notices()).toEqual(['Layout not saved yet: the server cannot be reached. Retrying.']),
    );
    expect(store.getState().layout.rooms.kitchen?.name).toBe('Kitchen');
    server.failing = 'network';
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.failing = null;
    await vi.waitFor(() => expect(Object.keys(server.layout.rooms).sort()).toEqual(['hall', 'kitchen']));
    expect(notices()).toHaveLength(2);
  });

  it('says why the server refused a change and shows the server layout again', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    server.refusal = 'views.v1.name "Hall" is used by another view';
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Cuisine')] }, 'Rename');
    await vi.waitFor(() => expect(store.getState().layout.rooms.kitchen?.name).toBe('Kitchen'));
    expect(notices()).toEqual(['Layout change not saved: views.v1.name "Hall" is used by another view.']);
  });
});

describe('changes still waiting when the page goes away', () => {
  /** A screen whose first change (the kitchen) the server holds unanswered. */
  async function kitchenOnItsWay() {
    const server = new FakeServer();
    const held = gate();
    server.beforePost = (post) => (post === 1 ? held.opened : undefined);
    const { platform: p, hidePage } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add');
    await vi.waitFor(() => expect(server.posts).toHaveLength(1));
    return { server, held, hidePage };
  }

  it('sends them at once, together, behind the change on its way, and not again', async () => {
    const { server, held, hidePage } = await kitchenOnItsWay();
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add');
    store.getState().changeLayout({ ok: true, items: [room('porch', 'Porch')] }, 'Add');
    expect(server.posts).toHaveLength(1);

    hidePage();
    await vi.waitFor(() => expect(server.posts).toHaveLength(2));
    expect(server.posts[1]).toEqual({
      baseVersion: 0,
      items: [room('hall', 'Hall'), room('porch', 'Porch')],
    });
    held.open();
    await vi.waitFor(() =>
      expect(Object.keys(store.getState().layout.rooms).sort()).toEqual(['hall', 'kitchen', 'porch']),
    );
    expect(Object.keys(server.layout.rooms).sort()).toEqual(['hall', 'kitchen', 'porch']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.posts).toHaveLength(2);
    expect(notices()).toEqual([]);
  });

  it('sends nothing when nothing waits', async () => {
    const server = new FakeServer();
    const { platform: p, hidePage } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add');
    await vi.waitFor(() => expect(store.getState().layout.version).toBe(1));
    hidePage();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.posts).toHaveLength(1);
  });

  it('keeps them waiting when the server could not take them, and sends them in turn', async () => {
    const { server, held, hidePage } = await kitchenOnItsWay();
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add');
    server.failing = 'network';
    hidePage();
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.failing = null;
    held.open();
    await vi.waitFor(() => expect(Object.keys(server.layout.rooms).sort()).toEqual(['hall', 'kitchen']));
    expect(server.posts.map((post) => post.items)).toEqual([
      [room('kitchen', 'Kitchen')],
      [room('hall', 'Hall')],
    ]);
  });
});

describe('a Hearth server that cannot be reached at start', () => {
  it('keeps asking while the network fails, then keeps the layout on the server once it answers', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    server.getFailing = 'network';
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(server.gets).toBeGreaterThanOrEqual(3));
    expect(store.getState().layoutSource).toBe('unknown');

    server.getFailing = null;
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    expect(store.getState().layout.rooms.kitchen?.name).toBe('Kitchen');
    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    await vi.waitFor(() => expect(server.layout.devices['generic/hall']?.alias).toBe('Entrance'));
  });

  it('keeps asking a server that answers with errors, however many times', async () => {
    const server = new FakeServer();
    server.getFailing = 503;
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(server.gets).toBeGreaterThanOrEqual(5));
    expect(store.getState().layoutSource).toBe('unknown');
    server.getFailing = null;
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
  });

  it('asks again after 1 s, then waits twice as long each time, up to 30 s', async () => {
    vi.useFakeTimers();
    try {
      const asked: number[] = [];
      const { platform: p } = platform(async () => {
        asked.push(Date.now());
        throw new TypeError('Failed to fetch');
      });
      const start = Date.now();
      stop = startLayoutSync({ ...p, retryMinMs: LAYOUT_RETRY_MIN_MS });
      for (let second = 0; second < 130; second++) await vi.advanceTimersByTimeAsync(1000);
      const waits = asked.map((at, i) => at - (asked[i - 1] ?? start));
      expect(waits).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
      expect(store.getState().layoutSource).toBe('unknown');
    } finally {
      stop();
      vi.useRealTimers();
    }
  });
});

describe("changes that overwrite another screen's", () => {
  it('tells the editor when a waiting change replaced what another screen wrote while this one was sending', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    const { events, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    const held = gate();
    server.beforePost = (post) => (post === 1 ? held.opened : undefined);
    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    await vi.waitFor(() => expect(server.posts).toHaveLength(1));
    // Another screen moves the kitchen while the rename is on its way: its announcement comes while
    // this screen waits for its own answer, which then carries the move.
    server.write([kitchenAt(3)]);
    events[0]?.emit('layout', `{"version":${server.layout.version}}`);
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Cuisine')] }, 'Rename');
    held.open();

    await vi.waitFor(() => expect(server.layout.rooms.kitchen?.name).toBe('Cuisine'));
    await vi.waitFor(() =>
      expect(notices()).toEqual([
        'Cuisine was changed on another screen meanwhile; your change replaced it.',
      ]),
    );
  });

  it('tells once about an item both this screen and the server found overwritten', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    const { events, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    const held = gate();
    server.beforePost = (post) => {
      if (post === 1) return held.opened;
      // Just before the rename is taken, the other screen moves the kitchen once more.
      server.write([kitchenAt(5)]);
    };
    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    await vi.waitFor(() => expect(server.posts).toHaveLength(1));
    server.write([kitchenAt(3)]);
    events[0]?.emit('layout', `{"version":${server.layout.version}}`);
    store.getState().changeLayout({ ok: true, items: [room('kitchen', 'Cuisine')] }, 'Rename');
    held.open();

    await vi.waitFor(() => expect(server.layout.rooms.kitchen?.name).toBe('Cuisine'));
    await vi.waitFor(() => expect(notices()).toHaveLength(1));
    expect(notices()).toEqual(['Cuisine was changed on another screen meanwhile; your change replaced it.']);
  });

  it("never takes the editor's own quick changes of one item for another screen's", async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    for (const position of [1, 2, 3]) {
      store.getState().changeLayout({ ok: true, items: [kitchenAt(position)] }, 'Move');
    }
    await vi.waitFor(() => expect(server.layout.rooms.kitchen?.position).toBe(3));
    expect(server.posts).toHaveLength(3);
    expect(notices()).toEqual([]);
  });
});

describe('a Hearth server whose layout was reset', () => {
  it('shows the reset layout when the stream announces a lower version, with the changes still waiting on top', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    server.write([room('hall', 'Hall')]);
    server.write([room('attic', 'Attic')]);
    const { events, platform: p } = platform(server.fetch);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    server.failing = 500;
    store.getState().changeLayout({ ok: true, items: [room('porch', 'Porch')] }, 'Add');
    await vi.waitFor(() => expect(notices()).toHaveLength(1));

    server.reset([room('cellar', 'Cellar')]);
    events[0]?.emit('layout', `{"version":${server.layout.version}}`);
    await vi.waitFor(() =>
      expect(Object.keys(store.getState().layout.rooms).sort()).toEqual(['cellar', 'porch']),
    );
    server.failing = null;
    await vi.waitFor(() => expect(Object.keys(server.layout.rooms).sort()).toEqual(['cellar', 'porch']));
  });

  it('shows the reset layout when a change is answered with a lower version', async () => {
    const server = new FakeServer();
    server.write([room('kitchen', 'Kitchen')]);
    server.write([room('hall', 'Hall')]);
    server.write([room('attic', 'Attic')]);
    stop = startLayoutSync(platform(server.fetch).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('server'));
    server.reset([room('cellar', 'Cellar')]);
    store.getState().changeLayout({ ok: true, items: [room('porch', 'Porch')] }, 'Add');
    await vi.waitFor(() =>
      expect(Object.keys(store.getState().layout.rooms).sort()).toEqual(['cellar', 'porch']),
    );
    expect(store.getState().layout.version).toBe(2);
  });
});

describe('layout kept in the browser (no Hearth server)', () => {
  const notFound = async () => new Response('Not found', { status: 404 });

  it('loads what this browser kept, saves each change, and follows other tabs', async () => {
    const { storage, otherTabWrites, platform: p } = platform(notFound);
    const kept = applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items: [room('hall', 'Hall')] }).layout;
    storage.set(LAYOUT_STORAGE_KEY, JSON.stringify(kept));
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('browser'));
    expect(store.getState().layout.rooms.hall?.name).toBe('Hall');

    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    const saved = JSON.parse(storage.get(LAYOUT_STORAGE_KEY) ?? '{}') as HouseLayout;
    expect(saved.devices['generic/hall']?.alias).toBe('Entrance');

    const elsewhere = applyLayoutChange(saved, {
      baseVersion: saved.version,
      items: [room('attic', 'Attic')],
    });
    otherTabWrites(JSON.stringify(elsewhere.layout));
    expect(store.getState().layout.rooms.attic?.name).toBe('Attic');
  });

  it('keeps the layout in this browser when static hosting answers /api/layout with its page', async () => {
    const page = async () =>
      new Response('<!doctype html><title>Hearth</title>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      });
    stop = startLayoutSync(platform(page).platform);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('browser'));
  });

  it('opens offline at once with what this browser kept, when it kept the layout here last time', async () => {
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const { storage, platform: p } = platform(offline);
    storage.set(LAYOUT_SOURCE_KEY, 'browser');
    storage.set(
      LAYOUT_STORAGE_KEY,
      JSON.stringify(
        applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items: [room('porch', 'Porch')] }).layout,
      ),
    );
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('browser'));
    expect(store.getState().layout.rooms.porch?.name).toBe('Porch');
  });

  it('remembers that the layout is kept in this browser', async () => {
    const { storage, platform: p } = platform(notFound);
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('browser'));
    expect(storage.get(LAYOUT_SOURCE_KEY)).toBe('browser');
  });

  it('starts empty and says so when what the browser kept is unreadable', async () => {
    const { storage, platform: p } = platform(notFound);
    storage.set(LAYOUT_STORAGE_KEY, '{"rooms": 7');
    stop = startLayoutSync(p);
    await vi.waitFor(() => expect(store.getState().layoutSource).toBe('browser'));
    expect(store.getState().layout.rooms).toEqual({});
    expect(store.getState().settingsProblems).toEqual([
      'The rooms and names saved in this browser were unreadable; starting without them.',
    ]);
  });
});
