/**
 * Shown while a Hearth that had accounts does not answer (restarting, or the network down): the
 * page waits for it rather than start without knowing who may do what. A page now served without
 * Hearth (moved to static hosting) can be opened on its own by a person's choice.
 */
export function ReachingServer({
  retryInMs,
  onOpenWithout,
}: {
  retryInMs: number;
  onOpenWithout: () => void;
}) {
  const seconds = Math.max(1, Math.round(retryInMs / 1000));
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6 dark:bg-slate-950">
      <div className="flex max-w-sm flex-col items-center gap-3 text-center" data-reaching-server>
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">Reaching Hearth…</h1>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          The server does not answer yet. Trying again in {seconds} s.
        </p>
        <button
          type="button"
          onClick={onOpenWithout}
          className="rounded-md px-3 py-2 text-sm text-slate-700 underline hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
        >
          Open without the server
        </button>
      </div>
    </main>
  );
}
