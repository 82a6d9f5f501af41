import { useMemo } from 'react';
import { useHearthStore } from '../../store/store';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { Section } from './fields';
import { ServerListState, useServerList } from './ServerList';

/**
 * "Accounts", for owners only: the people who sign in here and the devices that log in to the
 * broker, each with its role (a device with its topic prefixes), and "Add account". The same
 * accounts as `npm run user` manages on the server; a change there shows at the next reload.
 */
export function AccountAdminSection() {
  const isOwner = useHearthStore((s) => s.account.kind === 'signed-in' && s.account.role === 'owner');
  const keptScreen = useHearthStore((s) => s.account.kind === 'signed-in' && s.account.via === 'screen');
  if (!isOwner) return null;
  if (keptScreen)
    return (
      <Section title="Accounts">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          A screen kept signed in cannot change accounts, so nobody passing it can. Sign in on your own
          browser to add, change or remove accounts.
        </p>
      </Section>
    );
  return <OwnersAccounts />;
}

function OwnersAccounts() {
  const client = useHearthStore((s) => s.accountsClient);
  const self = useHearthStore((s) => (s.account.kind === 'signed-in' ? s.account.name : ''));
  const fetchList = useMemo(
    () => (client === null ? null : (signal?: AbortSignal) => client.listAccounts(signal)),
    [client],
  );
  const { listing, reload } = useServerList(fetchList, 'The accounts could not be loaded');

  return (
    <Section title="Accounts">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        The people who sign in to this house and the devices that log in to its broker. A removed account or a
        changed role or password signs that account’s screens out, to sign in again.
      </p>
      <ServerListState listing={listing} reload={reload} />
      {listing.kind === 'list' && (
        <ul className="flex flex-col gap-2" aria-label="Accounts">
          {listing.items.map((account) => (
            <AccountRow key={account.name} account={account} self={self} onChanged={reload} />
          ))}
        </ul>
      )}
      <AddAccountForm onAdded={reload} />
    </Section>
  );
}
