import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { AccountsReply } from '../../store/accountSlice';
import { SMALL_BUTTON } from './LayoutControls';

/** A list the server keeps (accounts, screens), as the settings show it while it loads. */
export type ServerListing<T> =
  | { kind: 'loading' }
  | { kind: 'list'; items: T[] }
  | { kind: 'failed'; reason: string };

/**
 * Asks the server for a list when shown (and again on `reload`, after a change), abandoning the
 * question if the section closes first. `failedWords` starts the sentence shown on a failure.
 */
export function useServerList<T>(
  fetchList: ((signal?: AbortSignal) => Promise<AccountsReply<T[]>>) | null,
  failedWords: string,
): { listing: ServerListing<T>; reload: () => void } {
  const [listing, setListing] = useState<ServerListing<T>>({ kind: 'loading' });
  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (fetchList === null) return;
      const reply = await fetchList(signal);
      if (signal?.aborted === true) return;
      setListing(
        reply.ok
          ? { kind: 'list', items: reply.value }
          : { kind: 'failed', reason: `${failedWords}: ${reply.reason}` },
      );
    },
    [fetchList, failedWords],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  return { listing, reload: () => void load() };
}

/** "Loading…", or the failure in words with "Try again"; nothing once the list is there. */
export function ServerListState<T>({
  listing,
  reload,
}: {
  listing: ServerListing<T>;
  reload: () => void;
}): ReactNode {
  if (listing.kind === 'loading')
    return <p className="text-xs text-slate-600 dark:text-slate-300">Loading…</p>;
  if (listing.kind === 'list') return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-900 dark:text-red-200">
      <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{listing.reason}</span>
      <button type="button" className={SMALL_BUTTON} onClick={reload}>
        Try again
      </button>
    </div>
  );
}
