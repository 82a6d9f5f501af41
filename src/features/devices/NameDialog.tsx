import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { clipText } from '../../core/clip';

/**
 * Asks for a name: a device's or a reading's alias (with the native name shown and a way back to
 * it), a new room's, a room's new name. A modal `<dialog>`: focus stays inside, Escape cancels.
 * `onSave` gets the trimmed name, or null for "Reset to <native name>".
 */
export function NameDialog({
  title,
  label,
  initial,
  nativeName,
  onSave,
  onClose,
}: {
  title: string;
  label: string;
  initial: string;
  /** The name the device or reading sends; offered as the reset and shown as the placeholder. */
  nativeName?: string;
  onSave: (name: string | null) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initial);
  const titleId = useId();
  const inputId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = value.trim();
    if (name === '' && nativeName === undefined) return;
    onSave(name === '' || name === nativeName ? null : name);
    onClose();
  };
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={titleId}
      className="m-auto w-[min(26rem,calc(100vw-1rem))] rounded-2xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={submit} className="flex flex-col gap-3">
        <h2 id={titleId} className="text-lg font-semibold [overflow-wrap:anywhere]">
          {clipText(title)}
        </h2>
        <label htmlFor={inputId} className="text-sm font-medium">
          {label}
        </label>
        <input
          id={inputId}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={nativeName === undefined ? undefined : clipText(nativeName)}
          maxLength={80}
          autoFocus
          className="h-11 rounded-lg border border-slate-300 bg-white px-3 dark:border-slate-700 dark:bg-slate-800"
        />
        {nativeName !== undefined && (
          <p className="text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
            Native name: <span className="font-mono">{clipText(nativeName)}</span>
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          {nativeName !== undefined && initial !== '' && (
            <button
              type="button"
              onClick={() => {
                onSave(null);
                onClose();
              }}
              className="mr-auto h-11 max-w-full truncate rounded-lg px-3 text-sm font-medium text-orange-700 hover:bg-slate-100 dark:text-orange-400 dark:hover:bg-slate-800"
            >
              Reset to {clipText(nativeName, 40)}
            </button>
          )}
          <button
            type="button"
            onClick={onClose}
            className="h-11 rounded-lg border border-slate-300 px-4 text-sm font-medium dark:border-slate-700"
          >
            Cancel
          </button>
          <button
            type="submit"
            className="h-11 rounded-lg bg-orange-700 px-4 text-sm font-semibold text-white hover:bg-orange-800"
          >
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
