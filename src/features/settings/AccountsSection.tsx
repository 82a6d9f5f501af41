import { useMemo, useState } from 'react';
import { formatAgo } from '../../components/format';
import type { ScreenEntry } from '../../store/accountSlice';
import { useNow } from '../../store/clock';
import { useHearthStore } from '../../store/store';
import { Section } from './fields';
import { ConfirmLine, SMALL_BUTTON } from './LayoutControls';
import { ServerListState, useServerList } from './ServerList';
import { entryAccount, entryAction, removalQuestion, screenName, sortScreens } from './screenRows';
import { useSignOut } from './useSignOut';

const QUIET = 'text-xs text-slate-600 dark:text-slate-300';

/**
 * "Accounts & screens": the browsers and kept screens signed in to this house (an owner sees
 * everyone's, others their own), when each was last seen, this screen marked; each can be signed
 * out (asked first for another screen). Only shown when the house has accounts.
 */
export function AccountsSection() {
  const client = useHearthStore((s) => s.accountsClient);
  const isOwner = useHearthStore((s) => s.account.kind === 'signed-in' && s.account.role === 'owner');
  const fetchList = useMemo(
    () => (client === null ? null : (signal?: AbortSignal) => client.listScreens(signal)),
    [client],
  );
  const { listing, reload } = useServerList(fetchList, 'The list could not be loaded');
  const entries = listing.kind === 'list' ? sortScreens(listing.items) : [];

  return (
    <Section title="Accounts & screens">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {isOwner
          ? 'Every browser and kept screen signed in to this house. Sign one out if it is lost, sold or no longer used.'
          : 'The browsers and kept screens signed in to your account.'}
      </p>
      <ServerListState listing={listing} reload={reload} />
      {listing.kind === 'list' && entries.length === 0 && (
        <p className={QUIET}>No browser or screen is signed in.</p>
      )}
      {listing.kind === 'list' && entries.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label="Signed-in browsers and screens">
          {entries.map((entry) => (
            <ScreenRow key={entry.id} entry={entry} onRemoved={reload} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function ScreenRow({ entry, onRemoved }: { entry: ScreenEntry; onRemoved: () => void }) {
  const client = useHearthStore((s) => s.accountsClient);
  const now = useNow();
  const ownSignOut = useSignOut();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const action = entryAction(entry);
  const name = screenName(entry);

  const remove = async () => {
    setConfirming(false);
    if (client === null) return;
    setBusy(true);
    setProblem(null);
    const reply = await client.removeScreen(entry.id);
    setBusy(false);
    if (reply.ok) onRemoved();
    else setProblem(`${name} was not signed out: ${reply.reason}`);
  };

  return (
    <li
      data-screen-id={entry.id}
      data-screen-kind={entry.kind}
      data-current={entry.current || undefined}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <div className="flex min-w-0 flex-1 basis-48 flex-col">
          <span className="flex min-w-0 items-center gap-2 font-medium">
            <span className="min-w-0 [overflow-wrap:anywhere]">{name}</span>
            {entry.current && (
              <span className="shrink-0 rounded-full bg-sky-100 px-2 text-xs font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100">
                this screen
              </span>
            )}
          </span>
          <span className={`${QUIET} [overflow-wrap:anywhere]`}>
            {entryAccount(entry)} ·{' '}
            {entry.current ? 'in use now' : `last seen ${formatAgo(entry.lastSeenAt, now)}`}
          </span>
        </div>
        <button
          type="button"
          className={SMALL_BUTTON}
          disabled={busy || ownSignOut.busy}
          aria-label={`${action} ${name} (${entry.account})`}
          onClick={() => (entry.current ? void ownSignOut.signOut() : setConfirming(true))}
        >
          {action}
        </button>
      </div>
      {confirming && (
        <ConfirmLine
          question={removalQuestion(entry)}
          confirm={action}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {(problem ?? ownSignOut.problem) !== null && (
        <p role="alert" className="text-sm text-red-900 dark:text-red-200">
          {problem ?? ownSignOut.problem}
        </p>
      )}
    </li>
  );
}
