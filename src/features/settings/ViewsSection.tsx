import { useState } from 'react';
import { DEFAULT_VIEW_ID } from '../../core/layout';
import { addView, moveView, removeView, renameView } from '../../core/layoutEdits';
import { selectArrangeRefusal } from '../../store/access';
import { useHearthStore } from '../../store/store';
import { Section } from './fields';
import {
  ConfirmLine,
  InlineName,
  LayoutProblem,
  MoveButtons,
  NameAdder,
  SMALL_BUTTON,
} from './LayoutControls';
import { ViewsReadOnly } from './LayoutReadOnly';
import { byPosition, copyName } from './layoutOrder';
import { READONLY_LAYOUT_LINE, SHARED_LAYOUT_HINT } from './RoomsSection';
import { useLayoutEdit } from './useLayoutEdit';
import { ViewEditor, ViewLink } from './ViewEditor';

/**
 * The views of the house (a hall tablet's, a garage screen's): the default one first, which shows
 * everything and cannot be removed, then the stored ones in order, each opened to edit.
 * `onOpened`: after "Open on this screen", so the dialog can close onto the view.
 */
export function ViewsSection({ onOpened }: { onOpened: () => void }) {
  const readonly = useHearthStore((s) => s.settings.readonly);
  const refusal = useHearthStore(selectArrangeRefusal);
  if (readonly) {
    return (
      <Section title="Views">
        <p className="text-sm text-slate-600 dark:text-slate-300">{READONLY_LAYOUT_LINE}</p>
      </Section>
    );
  }
  if (refusal !== null) return <ViewsReadOnly refusal={refusal} onOpened={onOpened} />;
  return <ViewsEditor onOpened={onOpened} />;
}

function ViewsEditor({ onOpened }: { onOpened: () => void }) {
  const views = byPosition(useHearthStore((s) => s.layout.views));
  const viewId = useHearthStore((s) => s.viewId);
  const openView = useHearthStore((s) => s.openView);
  const { problem, apply } = useLayoutEdit();
  const [expanded, setExpanded] = useState<string | null>(null);
  const layout = () => useHearthStore.getState().layout;
  const open = (id: string) => {
    openView(id);
    onOpened();
  };
  return (
    <Section title="Views">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        A view is what one screen shows: its rooms, devices and charts, read-only or with big values. Open it
        on a screen with its link. {SHARED_LAYOUT_HINT}
      </p>
      <NameAdder
        label="New view"
        button="Create view"
        onAdd={(name) => {
          const id = apply(addView(layout(), name), `create view ${name}`);
          if (id !== null && id !== '') setExpanded(id);
          return id !== null;
        }}
      />
      <LayoutProblem problem={problem} />
      <ul className="flex flex-col gap-2" aria-label="Views">
        <li
          className="flex flex-col gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
          data-view-id={DEFAULT_VIEW_ID}
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="min-w-0 flex-1 font-medium">
              Everything{' '}
              <span className="text-xs font-normal text-slate-600 dark:text-slate-300">
                · default, every room and chart
              </span>
            </span>
            <OpenButton
              current={viewId === DEFAULT_VIEW_ID}
              name="Everything"
              onOpen={() => open(DEFAULT_VIEW_ID)}
            />
          </div>
        </li>
        {views.map(([id, view], i) => (
          <li
            key={id}
            className="flex flex-col gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
            data-view-id={id}
          >
            <div className="flex flex-wrap items-center gap-2">
              <button
                type="button"
                aria-expanded={expanded === id}
                aria-label={`${view.name}: ${expanded === id ? 'close' : 'edit'}`}
                onClick={() => setExpanded(expanded === id ? null : id)}
                className="flex min-h-11 min-w-[min(14rem,100%)] flex-1 items-center gap-2 rounded-lg px-1 text-left font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                <span aria-hidden="true">{expanded === id ? '▾' : '▸'}</span>
                <span className="min-w-0 truncate">{view.name}</span>
                <span className="shrink-0 text-xs font-normal text-slate-600 dark:text-slate-300">
                  {[view.readonly && 'read-only', view.big && 'big values'].filter(Boolean).join(' · ')}
                </span>
              </button>
              <OpenButton current={viewId === id} name={view.name} onOpen={() => open(id)} />
              <MoveButtons
                name={view.name}
                index={i}
                count={views.length}
                onMove={(to) => apply(moveView(layout(), id, to), `move view ${view.name}`)}
              />
            </div>
            {expanded === id && (
              <div className="flex flex-col gap-3 border-t border-slate-200 pt-2 dark:border-slate-700">
                <ViewActions
                  id={id}
                  name={view.name}
                  taken={views.map(([, v]) => v.name)}
                  apply={apply}
                  onCopied={setExpanded}
                />
                <ViewLink name={view.name} />
                <ViewEditor id={id} view={view} apply={apply} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function OpenButton({ current, name, onOpen }: { current: boolean; name: string; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={SMALL_BUTTON}
      disabled={current}
      aria-label={current ? `${name} is open on this screen` : `Open ${name} on this screen`}
      onClick={onOpen}
    >
      {current ? 'On this screen' : 'Open here'}
    </button>
  );
}

type Apply = ReturnType<typeof useLayoutEdit>['apply'];

/** Rename, copy and delete one view. */
function ViewActions({
  id,
  name,
  taken,
  apply,
  onCopied,
}: {
  id: string;
  name: string;
  taken: readonly string[];
  apply: Apply;
  onCopied: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const layout = () => useHearthStore.getState().layout;
  if (confirming) {
    return (
      <ConfirmLine
        question={`Delete view “${name}”? Screens opened on it show everything.`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          apply(removeView(layout(), id), `delete view ${name}`);
          setConfirming(false);
        }}
      />
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <InlineName
        name={name}
        what="view"
        onRename={(n) => apply(renameView(layout(), id, n), `rename view ${name}`) !== null}
      />
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Copy view ${name}`}
        onClick={() => {
          const copy = copyName(name, taken);
          const made = apply(addView(layout(), copy, id), `copy view ${name}`);
          if (made !== null && made !== '') onCopied(made);
        }}
      >
        Copy
      </button>
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Delete view ${name}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    </div>
  );
}
