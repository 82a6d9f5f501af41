import { lazy, Suspense, useEffect, useRef } from 'react';

/** The form loads when the dialog first opens: none of it is needed to show the dashboard. */
const SettingsForm = lazy(() => import('./SettingsForm'));

/** Every setting, in a modal dialog with one tab per concern. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d === null) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="settings-title"
      className="m-auto max-h-[calc(100dvh-1rem)] w-[min(40rem,calc(100vw-1rem))] rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <Suspense fallback={<p className="p-5">Loading settings…</p>}>
          <SettingsForm onDone={onClose} />
        </Suspense>
      )}
    </dialog>
  );
}
