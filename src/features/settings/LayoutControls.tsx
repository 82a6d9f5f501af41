import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { FIELD_CLASS } from './fields';

/** A select sized to its options (FIELD_CLASS is full width). */
export const SELECT_CLASS =
  'h-11 min-w-0 max-w-full rounded-lg border border-slate-300 bg-white px-2 text-base dark:border-slate-600 dark:bg-slate-800';

export const SMALL_BUTTON =
  'h-11 min-w-11 shrink-0 rounded-lg border border-slate-300 px-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800';

/**
 * Enter in a field inside the settings form would submit the whole form (this screen's
 * settings): here it runs the field's own action instead.
 */
function onEnter(action: () => void) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    action();
  };
}

/** A name field and its button ("Add room"), emptied once the action took the name. */
export function NameAdder({
  label,
  button,
  onAdd,
  children,
}: {
  label: string;
  button: string;
  /** Answers whether the name was taken (false: refused, the name stays to be corrected). */
  onAdd: (name: string) => boolean;
  children?: ReactNode;
}) {
  const [name, setName] = useState('');
  const add = () => {
    if (name.trim() === '') return;
    if (onAdd(name)) setName('');
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="flex min-w-40 flex-1 flex-col gap-1 text-sm font-medium">
        {label}
        <input
          className={FIELD_CLASS}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={onEnter(add)}
        />
      </label>
      {children}
      <button type="button" className={SMALL_BUTTON} onClick={add} disabled={name.trim() === ''}>
        {button}
      </button>
    </div>
  );
}

/** A name shown as text with a Rename button that turns it into a field (Enter saves, Escape cancels). */
export function InlineName({
  name,
  what,
  onRename,
  children,
}: {
  name: string;
  /** For the button's accessible name: "room", "floor", "view". */
  what: string;
  onRename: (name: string) => boolean;
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null) {
    return (
      <div className="flex min-w-[min(12rem,100%)] flex-1 items-center gap-2">
        {/* The name on its line, what is said about it (a count, "announced") under it: neither squeezes the other out. */}
        <span className="flex min-w-0 flex-col">
          <span className="truncate font-medium" title={name}>
            {name}
          </span>
          {children}
        </span>
        <button
          type="button"
          className={`${SMALL_BUTTON} ml-auto`}
          aria-label={`Rename ${what} ${name}`}
          onClick={() => setEditing(name)}
        >
          Rename
        </button>
      </div>
    );
  }
  const save = () => {
    if (editing.trim() === name || onRename(editing)) setEditing(null);
  };
  return (
    <div className="flex min-w-[min(12rem,100%)] flex-1 items-center gap-2">
      <input
        className={FIELD_CLASS}
        aria-label={`New name for ${what} ${name}`}
        value={editing}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to type the new name
        autoFocus
        onChange={(e) => setEditing(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setEditing(null);
          } else onEnter(save)(e);
        }}
      />
      <button type="button" className={SMALL_BUTTON} onClick={save}>
        Save
      </button>
      <button type="button" className={SMALL_BUTTON} onClick={() => setEditing(null)}>
        Cancel
      </button>
    </div>
  );
}

/** Up and down by one place, each named for the item it moves. */
export function MoveButtons({
  name,
  index,
  count,
  onMove,
}: {
  name: string;
  index: number;
  count: number;
  onMove: (toIndex: number) => void;
}) {
  return (
    // The pair wraps together: an arrow alone on a line reads as a different control.
    <span className="flex gap-2">
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Move ${name} up`}
        disabled={index <= 0}
        onClick={() => onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Move ${name} down`}
        disabled={index >= count - 1}
        onClick={() => onMove(index + 1)}
      >
        ↓
      </button>
    </span>
  );
}

/** A one-line question with Delete and Keep, for removals that other screens feel too. */
export function ConfirmLine({
  question,
  onConfirm,
  onCancel,
  confirm = 'Delete',
}: {
  question: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The confirming button's word. */
  confirm?: string;
}) {
  return (
    <div
      role="alertdialog"
      aria-label={question}
      className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 text-sm text-red-950 dark:bg-red-950 dark:text-red-50"
    >
      <span className="min-w-0 flex-1">{question}</span>
      <button
        type="button"
        className="h-11 rounded-lg bg-red-700 px-3 font-semibold text-white hover:bg-red-800"
        onClick={onConfirm}
      >
        {confirm}
      </button>
      <button type="button" className={SMALL_BUTTON} onClick={onCancel}>
        Keep
      </button>
    </div>
  );
}

/** The refusal of the last change, in words. */
export function LayoutProblem({ problem }: { problem: string | null }) {
  if (problem === null) return null;
  return (
    <p
      role="alert"
      className="rounded-lg bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      {problem}
    </p>
  );
}
