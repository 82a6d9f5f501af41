import { useCallback, useEffect, useState } from 'react';
import type { AccountListing } from '../../store/accountSlice';
import { useHearthStore } from '../../store/store';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { Section } from './fields';
import { SMALL_BUTTON } from './LayoutControls';

type Listing =
  | { kind: 'loading' }
  | { kind: 'list'; accounts: AccountListing[] }
  | { kind: 'failed'; reason: string };

/**
 * "Accounts", for owners only: the people who sign in here and the devices that log in to the
 * broker, each with its role (a device with its topic prefixes), and "Add account". The same
 * accounts as `npm run user` manages on the server; a change there shows at the next reload.
 */
export function AccountAdminSection() {
  const isOwner = useHearthStore((s) => s.account.kind === 'signed-in' && s.account.role === 'owner');
  return isOwner ? <OwnersAccounts /> : null;
}

function OwnersAccounts() {
  const client = useHearthStore((s) => s.accountsClient);
  const self = useHearthStore((s) => (s.account.kind === 'signed-in' ? s.account.name : ''));
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (client === null) return;
      const reply = await client.listAccounts(signal);
      if (signal?.aborted === true) return;
      setListing(
        reply.ok
          ? { kind: 'list', accounts: reply.value }
          : { kind: 'failed', reason: `The accounts could not be loaded: ${reply.reason}` },
      );
    },
    [client],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <Section title="Accounts">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        The people who sign in to this house and the devices that log in to its broker. A removed account or a
        changed role or password signs that account’s screens out, to sign in again.
      </p>
      {listing.kind === 'loading' && <p className="text-xs text-slate-600 dark:text-slate-300">Loading…</p>}
      {listing.kind === 'failed' && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 text-sm text-red-900 dark:text-red-200"
        >
          <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{listing.reason}</span>
          <button type="button" className={SMALL_BUTTON} onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {listing.kind === 'list' && (
        <ul className="flex flex-col gap-2" aria-label="Accounts">
          {listing.accounts.map((account) => (
            <AccountRow key={account.name} account={account} self={self} onChanged={() => void load()} />
          ))}
        </ul>
      )}
      <AddAccountForm onAdded={() => void load()} />
    </Section>
  );
}
