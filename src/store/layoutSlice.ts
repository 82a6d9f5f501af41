import type { Settings } from '../config/settings';
import { DEFAULT_VIEW_ID, EMPTY_LAYOUT, type HouseLayout, type LayoutItem, type View } from '../core/layout';
import { applyLayoutChange, itemsBefore, layoutItems } from '../core/layoutApply';
import { findView, type LayoutEdit } from '../core/layoutEdits';
import { accessOf } from './access';
import type { Account } from './accountSlice';

/** Where this screen's layout lives: not known yet, the Hearth server, or this browser (standalone). */
export type LayoutSource = 'unknown' | 'server' | 'browser';

/**
 * Takes a change the store has already applied on screen, to keep it where the layout lives (the
 * server, or this browser). Set by the layout sync (app/layoutSync.ts), as the session sets the
 * publisher; null until it starts, and changes then stay on this screen.
 */
export type LayoutWriter = (items: readonly LayoutItem[]) => void;

/**
 * One step back: the items as they were before a change, the change's name in words, and the
 * items as the change left them (an undo is refused once another screen changed one of them).
 */
export interface LayoutUndoEntry {
  label: string;
  items: LayoutItem[];
  after?: LayoutItem[];
}

/** The undo keeps this many steps; older ones are dropped. */
export const LAYOUT_UNDO_MAX = 20;
export const LOADING_REASON = "The house's layout is still loading; try again in a moment";

export interface LayoutState {
  layout: HouseLayout;
  layoutSource: LayoutSource;
  /** The view shown (`DEFAULT_VIEW_ID`: everything); from `?view=` once the layout is known. */
  viewId: string;
  /** The view `?view=` asked for, by name or id, until the layout is known (then null). */
  requestedView: string | null;
  /** Edit mode: arrange cards and rooms. */
  editing: boolean;
  /** The last changes made on this screen in edit mode, newest last. */
  layoutUndo: LayoutUndoEntry[];
  layoutWriter: LayoutWriter | null;
  /** What the open view forces on the settings (read-only, big values), never saved. */
  viewOverrides: Partial<Settings>;
  /**
   * Applies an edit at once (the screen never waits for the server), keeps its undo, and hands
   * it to the writer. Returns null, or the reason it was refused, in words.
   */
  changeLayout(edit: LayoutEdit, label: string): string | null;
  /**
   * Puts back what the last change replaced (that undo is not itself undone). Returns null, or
   * why it could not (another screen changed those items since), in words.
   */
  undoLayout(): string | null;
  /** Enters or leaves edit mode; leaving it forgets the undo. */
  setEditing(on: boolean): void;
  /** Shows a view on this screen and writes `?view=<name>` to the address (none for the default). */
  openView(id: string): void;
  /**
   * The layout as kept where it lives (the server's answer, another tab's copy), with where that
   * is, and a problem to show with the settings' (an unreadable copy that was set aside).
   */
  adoptLayout(layout: HouseLayout, source: LayoutSource, problem?: string): void;
  setLayoutWriter(writer: LayoutWriter | null): void;
  /** Records the view `?view=` names; it opens once the layout is known. */
  requestView(nameOrId: string | null): void;
}

/** What the layout part of the store needs of the rest of it. */
interface StoreHost extends LayoutState {
  account: Account;
  settings: Settings;
  settingsProblems: string[];
  savedSettings: Settings;
  urlOverrides: Partial<Settings>;
}

type Set = (partial: Partial<StoreHost>) => void;
type Get = () => StoreHost;
/** Recomputes the settings that apply with new view overrides (store.ts owns the layering). */
type ApplyViewOverrides = (overrides: Partial<Settings>) => Partial<StoreHost>;

/** The layout's state and actions, spread into the one store. */
export function createLayoutSlice(set: Set, get: Get, applyViewOverrides: ApplyViewOverrides): LayoutState {
  /** Sets the layout and view together, with what the view forces on the settings. */
  const show = (layout: HouseLayout, viewId: string, extra: Partial<StoreHost> = {}) => {
    const view = viewId === DEFAULT_VIEW_ID ? null : (layout.views[viewId] ?? undefined);
    // A view removed while a screen shows it keeps what it forced (a read-only hall tablet stays
    // read-only) until the page is opened again.
    const overrides = view === undefined ? get().viewOverrides : viewOverridesOf(view);
    const same = JSON.stringify(overrides) === JSON.stringify(get().viewOverrides);
    set({ ...extra, layout, viewId, ...(same ? {} : applyViewOverrides(overrides)) });
  };

  return {
    layout: EMPTY_LAYOUT,
    layoutSource: 'unknown',
    viewId: DEFAULT_VIEW_ID,
    requestedView: null,
    editing: false,
    layoutUndo: [],
    layoutWriter: null,
    viewOverrides: {},

    changeLayout(edit, label) {
      if (!edit.ok) return edit.reason;
      const { layout, layoutUndo, layoutWriter, viewId } = get();
      // Hidden buttons are not the rule: a read-only screen, or anyone but an owner, changes nothing.
      const refusal = arrangeRefusalOf(get());
      if (refusal !== null) return refusal;
      // An edit built on the empty layout of a screen still asking would overwrite the house's.
      if (get().layoutSource === 'unknown') return LOADING_REASON;
      if (edit.items.length === 0) return null;
      const before = itemsBefore(layout, edit.items);
      const applied = applyLayoutChange(layout, { baseVersion: layout.version, items: edit.items });
      const undo = { label, items: before, after: itemsBefore(applied.layout, edit.items) };
      show(applied.layout, viewId, { layoutUndo: [...layoutUndo, undo].slice(-LAYOUT_UNDO_MAX) });
      layoutWriter?.(edit.items);
      return null;
    },

    undoLayout() {
      const { layout, layoutUndo, layoutWriter, viewId } = get();
      const last = layoutUndo.at(-1);
      if (last === undefined) return null;
      const refusal = arrangeRefusalOf(get());
      if (refusal !== null) return refusal;
      // Putting back the old items would silently undo another screen's change made since.
      if (last.after !== undefined && !sameItems(itemsBefore(layout, last.after), last.after)) {
        set({ layoutUndo: [] });
        return `Cannot undo ${last.label}: it was changed on another screen since`;
      }
      const applied = applyLayoutChange(layout, { baseVersion: layout.version, items: last.items });
      show(applied.layout, viewId, { layoutUndo: layoutUndo.slice(0, -1) });
      layoutWriter?.(last.items);
      return null;
    },

    setEditing(on) {
      if (on && arrangeRefusalOf(get()) !== null) return;
      // Undo is for what is arranged in this edit mode, not a view deleted in settings an hour ago.
      set(on ? { editing: true, layoutUndo: [] } : { editing: false, layoutUndo: [] });
    },

    openView(id) {
      const { layout, viewOverrides } = get();
      // A read-only view is a public screen's: it is left only by opening the page again.
      if (viewOverrides.readonly === true) return;
      const found = id === DEFAULT_VIEW_ID ? null : findView(layout, id);
      show(layout, found?.id ?? DEFAULT_VIEW_ID, { requestedView: null });
      writeViewParam(found?.view.name ?? null);
    },

    adoptLayout(layout, layoutSource, problem) {
      const { requestedView, viewId } = get();
      const problems = problem === undefined ? get().settingsProblems : [...get().settingsProblems, problem];
      if (requestedView === null || layoutSource === 'unknown') {
        show(layout, viewId, { layoutSource, settingsProblems: problems });
        return;
      }
      const found = findView(layout, requestedView);
      show(layout, found?.id ?? DEFAULT_VIEW_ID, {
        layoutSource,
        requestedView: null,
        settingsProblems:
          found === null ? [...problems, unknownViewProblem(layout, requestedView)] : problems,
      });
    },

    setLayoutWriter(layoutWriter) {
      set({ layoutWriter });
    },

    requestView(requestedView) {
      set({ requestedView });
    },
  };
}

function arrangeRefusalOf(state: StoreHost): string | null {
  return accessOf(state.account, state.settings.readonly).arrangeRefusal;
}

/** What a view forces on a screen showing it: only ever more restrictive or bigger, never less. */
export function viewOverridesOf(view: View | null): Partial<Settings> {
  const overrides: Partial<Settings> = {};
  if (view?.readonly === true) overrides.readonly = true;
  if (view?.big === true) overrides.kiosk = true;
  return overrides;
}

/** "No view called "x"; views: Hall, Garage", or that none exist yet. */
export function unknownViewProblem(layout: HouseLayout, requested: string): string {
  const names = Object.values(layout.views)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map((view) => view.name);
  const known = names.length === 0 ? 'there are no views yet' : `views: ${names.join(', ')}`;
  return `No view called "${requested}"; ${known}. Showing everything.`;
}

/**
 * The edit that makes `current` into the layout a settings file holds: every item of the file,
 * and the removal of each floor, room, device entry and view the file does not have.
 */
export function replaceLayoutEdit(current: HouseLayout, items: readonly LayoutItem[]): LayoutEdit {
  const kept = new Set(items.map((item) => ('id' in item ? `${item.type}\u0000${item.id}` : item.type)));
  const removals: LayoutItem[] = [];
  for (const item of layoutItems(current)) {
    if (!('id' in item) || kept.has(`${item.type}\u0000${item.id}`)) continue;
    removals.push({ ...item, value: null } as LayoutItem);
  }
  return { ok: true, items: [...removals, ...items] };
}

/** Rewrites `?view=` without a navigation, so a reload or a bookmark opens the same view. */
function writeViewParam(name: string | null): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (name === null) url.searchParams.delete('view');
  else url.searchParams.set('view', name);
  window.history.replaceState(window.history.state, '', url);
}

/** Whether two lists of items hold the same values, whatever the order of their fields. */
function sameItems(a: readonly LayoutItem[], b: readonly LayoutItem[]): boolean {
  return a.length === b.length && a.every((item, i) => canonical(item) === canonical(b[i]));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
