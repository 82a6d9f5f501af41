import { useState } from 'react';
import type { AccountListing, AccountsClient, AccountsReply, Role } from '../../store/accountSlice';
import { useHearthStore } from '../../store/store';
import { AccountNote, type AccountOutcome, enterRuns } from './AccountNote';
import {
  accountRemovalQuestion,
  checkPasswordPair,
  isOwnAccount,
  passwordSetWords,
  roleChangeQuestion,
} from './accountForms';
import { FIELD_CLASS, Field } from './fields';
import { ConfirmLine, SELECT_CLASS, SMALL_BUTTON } from './LayoutControls';

const PERSON_ROLES: readonly Role[] = ['owner', 'control', 'view'];
const QUIET = 'text-xs text-slate-600 dark:text-slate-300';

type Mode =
  | { kind: 'idle' }
  | { kind: 'removing' }
  | { kind: 'changing-role'; role: Role }
  | { kind: 'setting-password'; password: string; again: string };

/**
 * One account in an owner's list: its name, role or a device's prefixes; a person's role can be
 * changed and any account removed (asked first), another's password set (one's own is changed
 * with the current one, below). `onChanged` reloads the list.
 */
export function AccountRow({
  account,
  self,
  onChanged,
}: {
  account: AccountListing;
  /** The signed-in person's name. */
  self: string;
  onChanged: () => void;
}) {
  const client = useHearthStore((s) => s.accountsClient);
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AccountOutcome | null>(null);
  const own = isOwnAccount(account.name, self);
  const name = account.name;

  /** Runs one change; `done` is said when it worked, the server's words when not. */
  const run = async (
    change: (accounts: AccountsClient) => Promise<AccountsReply<null>>,
    done: string,
    failed: string,
  ) => {
    if (client === null || busy) return;
    setBusy(true);
    setOutcome(null);
    const reply = await change(client);
    setBusy(false);
    if (!reply.ok) return setOutcome({ kind: 'problem', text: `${failed}: ${reply.reason}` });
    setMode({ kind: 'idle' });
    setOutcome({ kind: 'done', text: done });
    onChanged();
  };

  const setPassword = (password: string, again: string) => {
    const pair = checkPasswordPair(password, again);
    if (pair !== null) return setOutcome({ kind: 'problem', text: pair });
    void run(
      (accounts) => accounts.setPassword(name, password),
      passwordSetWords(name, self),
      'The password was not set',
    );
  };

  return (
    <li
      data-account-name={name}
      data-account-role={account.role}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <div className="flex min-w-0 flex-1 basis-40 flex-col">
          <span className="flex min-w-0 items-center gap-2 font-medium">
            <span className="min-w-0 [overflow-wrap:anywhere]">{name}</span>
            {own && (
              <span className="shrink-0 rounded-full bg-sky-100 px-2 text-xs font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100">
                you
              </span>
            )}
          </span>
          <span className={`${QUIET} [overflow-wrap:anywhere]`}>
            {account.role === 'device'
              ? `device · ${account.prefixes.join(', ')}`
              : `added ${account.createdAt.slice(0, 10)}`}
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {account.role !== 'device' && (
            <select
              className={SELECT_CLASS}
              aria-label={`Role of ${name}`}
              value={mode.kind === 'changing-role' ? mode.role : account.role}
              disabled={busy}
              onChange={(e) => {
                const role = e.target.value as Role;
                setOutcome(null);
                setMode(role === account.role ? { kind: 'idle' } : { kind: 'changing-role', role });
              }}
            >
              {PERSON_ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          )}
          {!own && (
            <button
              type="button"
              className={SMALL_BUTTON}
              disabled={busy}
              aria-label={`Set password of ${name}`}
              onClick={() => {
                setOutcome(null);
                setMode({ kind: 'setting-password', password: '', again: '' });
              }}
            >
              Set password
            </button>
          )}
          <button
            type="button"
            className={SMALL_BUTTON}
            disabled={busy}
            aria-label={`Remove ${name}`}
            onClick={() => {
              setOutcome(null);
              setMode({ kind: 'removing' });
            }}
          >
            Remove
          </button>
        </div>
      </div>
      {mode.kind === 'removing' && (
        <ConfirmLine
          question={accountRemovalQuestion(account, self)}
          confirm="Remove"
          onConfirm={() =>
            void run(
              (accounts) => accounts.removeAccount(name),
              `Removed ${name}.`,
              `${name} was not removed`,
            )
          }
          onCancel={() => setMode({ kind: 'idle' })}
        />
      )}
      {mode.kind === 'changing-role' && (
        <ConfirmLine
          question={roleChangeQuestion(account, mode.role, self)}
          confirm="Change role"
          onConfirm={() =>
            void run(
              (accounts) => accounts.changeRole(name, mode.role),
              `${name} is now ${mode.role}.`,
              `The role of ${name} was not changed`,
            )
          }
          onCancel={() => setMode({ kind: 'idle' })}
        />
      )}
      {mode.kind === 'setting-password' && (
        <fieldset
          aria-label={`New password for ${name}`}
          className="flex min-w-0 flex-wrap items-end gap-2"
          onKeyDown={enterRuns(() => setPassword(mode.password, mode.again))}
        >
          <div className="min-w-40 flex-1">
            <Field label="New password">
              <input
                type="password"
                className={FIELD_CLASS}
                autoComplete="new-password"
                value={mode.password}
                onChange={(e) => setMode({ ...mode, password: e.target.value })}
              />
            </Field>
          </div>
          <div className="min-w-40 flex-1">
            <Field label="New password again">
              <input
                type="password"
                className={FIELD_CLASS}
                autoComplete="new-password"
                value={mode.again}
                onChange={(e) => setMode({ ...mode, again: e.target.value })}
              />
            </Field>
          </div>
          <span className="flex gap-2">
            <button
              type="button"
              className={SMALL_BUTTON}
              disabled={busy}
              onClick={() => setPassword(mode.password, mode.again)}
            >
              Set password
            </button>
            <button type="button" className={SMALL_BUTTON} onClick={() => setMode({ kind: 'idle' })}>
              Cancel
            </button>
          </span>
        </fieldset>
      )}
      <AccountNote outcome={outcome} />
    </li>
  );
}
