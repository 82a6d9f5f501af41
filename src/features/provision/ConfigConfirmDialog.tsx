import { useEffect, useRef } from 'react';
import type { ConfigChange } from './configChanges';

/**
 * Asks before a settings file from another site is applied: where it comes from, which broker
 * it connects to and what it changes. Everything it shows came from the network, so it is text.
 */
export function ConfigConfirmDialog({
  origin,
  broker,
  changes,
  onApply,
  onIgnore,
}: {
  origin: string;
  broker: string;
  changes: readonly ConfigChange[];
  onApply: () => void;
  onIgnore: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      data-config-confirm={origin}
      aria-labelledby="config-confirm-title"
      onCancel={onIgnore}
      className="m-auto max-h-[calc(100dvh-1rem)] w-[min(34rem,calc(100vw-1rem))] rounded-2xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="config-confirm-title" className="text-lg font-semibold">
        Apply settings from another site?
      </h2>
      <p className="mt-2 text-sm break-words">
        This link loads settings from <strong data-config-origin>{origin}</strong>. They would connect this
        dashboard to <strong data-config-broker>{broker}</strong>. Nothing is changed unless you apply them;
        until then the dashboard keeps its own settings.
      </p>
      {changes.length === 0 ? (
        <p className="mt-3 text-sm">The file changes nothing here.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          {changes.map((c) => (
            <div key={c.setting} data-config-change={c.setting} className="contents">
              <dt className="font-medium">{c.setting}</dt>
              <dd className="min-w-0 break-words">{c.becomes}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <button
          type="button"
          onClick={onIgnore}
          className="h-11 rounded-lg px-4 font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          Ignore
        </button>
        <button
          type="button"
          onClick={onApply}
          className="h-11 rounded-lg bg-orange-700 px-4 font-semibold text-white hover:bg-orange-800"
        >
          Apply settings
        </button>
      </div>
    </dialog>
  );
}
