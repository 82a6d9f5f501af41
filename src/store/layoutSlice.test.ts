import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings';
import {
  EMPTY_LAYOUT,
  type HouseLayout,
  type LayoutItem,
  type View,
  viewShowingEverything,
} from '../core/layout';
import { applyLayoutChange } from '../core/layoutApply';
import { LAYOUT_UNDO_MAX, replaceLayoutEdit } from './layoutSlice';
import { useHearthStore } from './store';

const store = useHearthStore;

function room(id: string, name: string, position = 0): LayoutItem {
  return { type: 'room', id, value: { name, floorId: null, position } };
}

function alias(key: string, name: string): LayoutItem {
  return { type: 'device', id: key, value: { alias: name } };
}

function view(id: string, fields: Partial<View> & { name: string }): LayoutItem {
  const { rev: _rev, ...value }: View = {
    position: 0,
    ...viewShowingEverything(),
    rev: 0,
    ...fields,
  };
  return { type: 'view', id, value };
}

function layoutWith(...items: LayoutItem[]): HouseLayout {
  return applyLayoutChange(EMPTY_LAYOUT, { baseVersion: 0, items }).layout;
}

describe('the layout in the store', () => {
  const written: LayoutItem[][] = [];

  beforeEach(() => {
    written.length = 0;
    store.setState({
      layout: EMPTY_LAYOUT,
      layoutSource: 'browser',
      viewId: 'default',
      requestedView: null,
      editing: false,
      layoutUndo: [],
      viewOverrides: {},
      savedSettings: DEFAULT_SETTINGS,
      urlOverrides: {},
      settings: DEFAULT_SETTINGS,
      settingsProblems: [],
      layoutWriter: (items) => written.push([...items]),
      account: { kind: 'standalone' },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a change at once, sends it to where the layout lives, and keeps its undo', () => {
    const reason = store
      .getState()
      .changeLayout({ ok: true, items: [room('kitchen', 'Kitchen')] }, 'Add Kitchen');
    expect(reason).toBeNull();
    expect(store.getState().layout.rooms.kitchen?.name).toBe('Kitchen');
    expect(written).toEqual([[room('kitchen', 'Kitchen')]]);
    expect(store.getState().layoutUndo).toEqual([
      {
        label: 'Add Kitchen',
        items: [{ type: 'room', id: 'kitchen', value: null }],
        after: [room('kitchen', 'Kitchen')],
      },
    ]);
  });

  it('refuses an edit while the layout is still loading, which would overwrite the house with an empty one', () => {
    store.setState({ layoutSource: 'unknown' });
    const reason = store
      .getState()
      .changeLayout({ ok: true, items: [alias('generic/hall', 'Hall')] }, 'Rename');
    expect(reason).toMatch(/still loading/);
    expect(written).toEqual([]);
  });

  it('refuses to undo a change another screen has changed since, rather than silently reverting theirs', () => {
    store.getState().setEditing(true);
    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'rename of hall');
    const theirs = applyLayoutChange(store.getState().layout, {
      baseVersion: store.getState().layout.version,
      items: [alias('generic/hall', 'Porch')],
    }).layout;
    store.getState().adoptLayout(theirs, 'server');
    expect(store.getState().undoLayout()).toBe(
      'Cannot undo rename of hall: it was changed on another screen since',
    );
    expect(store.getState().layout.devices['generic/hall']?.alias).toBe('Porch');
    expect(written).toHaveLength(1);
  });

  it('starts edit mode with nothing to undo', () => {
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add Hall');
    store.getState().setEditing(true);
    expect(store.getState().layoutUndo).toEqual([]);
  });

  it('keeps a read-only view read-only: no switching away, and still read-only once the view is deleted', () => {
    store.getState().requestView('hall');
    const withHall = layoutWith(view('v1', { name: 'Hall', readonly: true }));
    store.getState().adoptLayout(withHall, 'server');
    store.getState().openView('default');
    expect(store.getState().viewId).toBe('v1');
    const gone = applyLayoutChange(withHall, {
      baseVersion: withHall.version,
      items: [{ type: 'view', id: 'v1', value: null }],
    }).layout;
    store.getState().adoptLayout(gone, 'server');
    expect(store.getState().settings.readonly).toBe(true);
  });

  it('answers a refused edit with its reason and changes nothing', () => {
    const reason = store
      .getState()
      .changeLayout({ ok: false, reason: 'A room called Kitchen exists' }, 'Add');
    expect(reason).toBe('A room called Kitchen exists');
    expect(store.getState().layout).toBe(EMPTY_LAYOUT);
    expect(written).toEqual([]);
  });

  it('refuses every change on a read-only screen', () => {
    store.setState({ settings: { ...DEFAULT_SETTINGS, readonly: true } });
    const reason = store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add Hall');
    expect(reason).toBe('This screen is read-only');
    expect(store.getState().layout.rooms).toEqual({});
    expect(written).toEqual([]);
  });

  it('refuses every change, and edit mode, to a control or view account: only an owner arranges', () => {
    for (const role of ['control', 'view'] as const) {
      store.setState({ account: { kind: 'signed-in', name: 'vic', role, via: 'session', label: '' } });
      const reason = store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add Hall');
      expect(reason).toBe(
        `Only an owner can change rooms, names and views; this screen is signed in as vic (${role})`,
      );
      store.getState().setEditing(true);
      expect(store.getState().editing).toBe(false);
    }
    expect(store.getState().layout.rooms).toEqual({});
    expect(written).toEqual([]);
  });

  it('takes an owner’s change as before accounts', () => {
    store.setState({ account: { kind: 'signed-in', name: 'ann', role: 'owner', via: 'session', label: '' } });
    expect(store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add Hall')).toBeNull();
    expect(written).toEqual([[room('hall', 'Hall')]]);
  });

  it('refuses to undo once the screen is no longer an owner’s', () => {
    store.getState().changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add Hall');
    store.setState({ account: { kind: 'signed-out', why: 'ended' } });
    expect(store.getState().undoLayout()).toBe('This screen is signed out');
    expect(store.getState().layout.rooms.hall?.name).toBe('Hall');
  });

  it('undoes the last change by sending back what it replaced, without keeping the undo of the undo', () => {
    store.setState({ layout: layoutWith(alias('generic/hall', 'Hall sensor')) });
    store.getState().changeLayout({ ok: true, items: [alias('generic/hall', 'Entrance')] }, 'Rename');
    store.getState().undoLayout();
    expect(store.getState().layout.devices['generic/hall']?.alias).toBe('Hall sensor');
    expect(written.at(-1)).toEqual([alias('generic/hall', 'Hall sensor')]);
    expect(store.getState().layoutUndo).toEqual([]);
  });

  it('keeps the last 20 steps of undo, and forgets them when edit mode ends', () => {
    store.getState().setEditing(true);
    for (let i = 0; i < 25; i++) {
      store.getState().changeLayout({ ok: true, items: [room(`room-${i}`, `Room ${i}`)] }, `Add ${i}`);
    }
    expect(store.getState().layoutUndo).toHaveLength(LAYOUT_UNDO_MAX);
    expect(store.getState().layoutUndo[0]?.label).toBe('Add 5');
    store.getState().setEditing(false);
    expect(store.getState().layoutUndo).toEqual([]);
  });

  it('opens the view ?view= names once the layout is known, with its read-only and big values for this visit only', () => {
    store.getState().requestView('hall');
    store
      .getState()
      .adoptLayout(layoutWith(view('v1', { name: 'Hall', readonly: true, big: true })), 'server');
    const state = store.getState();
    expect(state.viewId).toBe('v1');
    expect(state.settings).toMatchObject({ readonly: true, kiosk: true });
    expect(state.savedSettings).toMatchObject({ readonly: false, kiosk: false });
    expect(state.changeLayout({ ok: true, items: [room('hall', 'Hall')] }, 'Add')).toBe(
      'This screen is read-only',
    );
  });

  it('shows everything for a view that does not exist, and names the views that do', () => {
    store.getState().requestView('Garage');
    store
      .getState()
      .adoptLayout(
        layoutWith(view('v1', { name: 'Hall' }), view('v2', { name: 'Kitchen', position: 1 })),
        'browser',
      );
    expect(store.getState().viewId).toBe('default');
    expect(store.getState().settingsProblems).toEqual([
      'No view called "Garage"; views: Hall, Kitchen. Showing everything.',
    ]);
  });

  it('writes the view opened to the address, and removes it for the default view', () => {
    const replaced: string[] = [];
    vi.stubGlobal('window', {
      location: { href: 'http://hearth.local/?kiosk=1' },
      history: { state: null, replaceState: (_: unknown, __: string, url: URL) => replaced.push(url.href) },
    });
    store.setState({ layout: layoutWith(view('v1', { name: 'Hall tablet' })) });
    store.getState().openView('v1');
    expect(store.getState().viewId).toBe('v1');
    store.getState().openView('default');
    expect(store.getState().viewId).toBe('default');
    expect(replaced).toEqual([
      'http://hearth.local/?kiosk=1&view=Hall+tablet',
      'http://hearth.local/?kiosk=1',
    ]);
  });
});

describe('replaceLayoutEdit', () => {
  it('puts every item of a file and removes what the file does not have', () => {
    const current = layoutWith(room('kitchen', 'Kitchen'), room('attic', 'Attic'), alias('generic/a', 'A'));
    const edit = replaceLayoutEdit(current, [room('kitchen', 'Kitchen'), alias('generic/b', 'B')]);
    expect(edit.ok && applyLayoutChange(current, { baseVersion: 1, items: edit.items }).layout).toMatchObject(
      {
        rooms: { kitchen: { name: 'Kitchen' } },
        devices: { 'generic/b': { alias: 'B' } },
      },
    );
    const applied = edit.ok ? applyLayoutChange(current, { baseVersion: 1, items: edit.items }).layout : null;
    expect(Object.keys(applied?.rooms ?? {})).toEqual(['kitchen']);
    expect(Object.keys(applied?.devices ?? {})).toEqual(['generic/b']);
  });
});
