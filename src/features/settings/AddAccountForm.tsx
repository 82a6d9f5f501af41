import { useState } from 'react';
import type { AccountRole } from '../../store/accountSlice';
import { useHearthStore } from '../../store/store';
import { AccountNote, type AccountOutcome, enterRuns } from './AccountNote';
import { checkNewAccountForm, type NewAccountFields, ROLE_CHOICES } from './accountForms';
import { FIELD_CLASS, Field } from './fields';
import { SELECT_CLASS, SMALL_BUTTON } from './LayoutControls';

const EMPTY: NewAccountFields = { name: '', role: 'view', password: '', again: '', prefixes: '' };

/**
 * "Add account": a name, a role, the password twice and, for a device, its topic prefixes. The
 * server checks it by the rules of `npm run user` and says what is wrong in words; once added,
 * the fields are emptied and `onAdded` reloads the list.
 */
export function AddAccountForm({ onAdded }: { onAdded: () => void }) {
  const client = useHearthStore((s) => s.accountsClient);
  const [fields, setFields] = useState<NewAccountFields>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AccountOutcome | null>(null);
  const update = (patch: Partial<NewAccountFields>) => setFields((current) => ({ ...current, ...patch }));
  const hint = ROLE_CHOICES.find((choice) => choice.role === fields.role)?.hint;

  const add = async () => {
    if (client === null || busy) return;
    const checked = checkNewAccountForm(fields);
    if (!checked.ok) return setOutcome({ kind: 'problem', text: checked.reason });
    setBusy(true);
    setOutcome(null);
    const reply = await client.addAccount(checked.account);
    setBusy(false);
    if (!reply.ok) return setOutcome({ kind: 'problem', text: `Not added: ${reply.reason}` });
    setFields(EMPTY);
    setOutcome({ kind: 'done', text: `Added ${checked.account.name} (${checked.account.role}).` });
    onAdded();
  };

  return (
    <fieldset
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      onKeyDown={enterRuns(() => void add())}
    >
      <legend className="px-1 text-sm font-semibold">Add account</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" hint="Letters, digits, dots, dashes and underscores.">
          <input
            className={FIELD_CLASS}
            value={fields.name}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => update({ name: e.target.value })}
          />
        </Field>
        <Field label="Role" {...(hint === undefined ? {} : { hint })}>
          <select
            className={`${SELECT_CLASS} w-full`}
            value={fields.role}
            onChange={(e) => update({ role: e.target.value as AccountRole })}
          >
            {ROLE_CHOICES.map((choice) => (
              <option key={choice.role} value={choice.role}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Password">
          <input
            type="password"
            className={FIELD_CLASS}
            value={fields.password}
            autoComplete="new-password"
            onChange={(e) => update({ password: e.target.value })}
          />
        </Field>
        <Field label="Password again">
          <input
            type="password"
            className={FIELD_CLASS}
            value={fields.again}
            autoComplete="new-password"
            onChange={(e) => update({ again: e.target.value })}
          />
        </Field>
        {fields.role === 'device' && (
          <div className="sm:col-span-2">
            <Field
              label="Topic prefixes"
              hint="One a line or comma-separated, like tele/plug1/, stat/plug1/, cmnd/plug1/. Left empty, the device publishes under its own account, like plug1/."
            >
              <textarea
                className={`${FIELD_CLASS} h-auto min-h-20 py-2 font-mono text-sm`}
                rows={3}
                value={fields.prefixes}
                spellCheck={false}
                autoCapitalize="none"
                onChange={(e) => update({ prefixes: e.target.value })}
              />
            </Field>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={`${SMALL_BUTTON} px-3`} disabled={busy} onClick={() => void add()}>
          {busy ? 'Adding…' : 'Add account'}
        </button>
      </div>
      <AccountNote outcome={outcome} />
    </fieldset>
  );
}
