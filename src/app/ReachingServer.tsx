/**
 * Shown while a Hearth that had accounts does not answer (restarting, or the network down): the
 * page waits for it rather than start without knowing who may do what.
 */
export function ReachingServer({ retryInMs }: { retryInMs: number }) {
  const seconds = Math.max(1, Math.round(retryInMs / 1000));
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6 dark:bg-slate-950">
      <div className="max-w-sm text-center" role="status" data-reaching-server>
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">Reaching Hearth…</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          The server does not answer yet. Trying again in {seconds} s.
        </p>
      </div>
    </main>
  );
}
