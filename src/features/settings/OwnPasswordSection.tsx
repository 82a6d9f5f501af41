import { useState } from 'react';
import { useHearthStore } from '../../store/store';
import { AccountNote, type AccountOutcome, enterRuns } from './AccountNote';
import { checkPasswordPair, passwordSetWords } from './accountForms';
import { FIELD_CLASS, Field, Section } from './fields';
import { SMALL_BUTTON } from './LayoutControls';

const EMPTY = { current: '', password: '', again: '' };

/**
 * "Change my password", for every role: the current password (checked by the server as a
 * sign-in is, so guessing it is throttled) and the new one twice. Every other screen signed in as
 * this account then signs in again with the new one; this one is given a fresh session.
 */
export function OwnPasswordSection() {
  const client = useHearthStore((s) => s.accountsClient);
  const self = useHearthStore((s) => (s.account.kind === 'signed-in' ? s.account.name : null));
  const [fields, setFields] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AccountOutcome | null>(null);
  if (self === null) return null;

  const change = async () => {
    if (client === null || busy) return;
    if (fields.current === '') return setOutcome({ kind: 'problem', text: 'Type your current password.' });
    const pair = checkPasswordPair(fields.password, fields.again);
    if (pair !== null) return setOutcome({ kind: 'problem', text: pair });
    setBusy(true);
    setOutcome(null);
    const reply = await client.setPassword(self, fields.password, fields.current);
    setBusy(false);
    if (!reply.ok) return setOutcome({ kind: 'problem', text: `Not changed: ${reply.reason}` });
    setFields(EMPTY);
    setOutcome({ kind: 'done', text: passwordSetWords(self, self) });
  };

  return (
    <Section title="Your password">
      <fieldset
        className="grid min-w-0 gap-3 sm:grid-cols-3"
        aria-label="Change my password"
        onKeyDown={enterRuns(() => void change())}
      >
        <Field label="Current password">
          <input
            type="password"
            className={FIELD_CLASS}
            autoComplete="current-password"
            value={fields.current}
            onChange={(e) => setFields({ ...fields, current: e.target.value })}
          />
        </Field>
        <Field label="New password">
          <input
            type="password"
            className={FIELD_CLASS}
            autoComplete="new-password"
            value={fields.password}
            onChange={(e) => setFields({ ...fields, password: e.target.value })}
          />
        </Field>
        <Field label="New password again">
          <input
            type="password"
            className={FIELD_CLASS}
            autoComplete="new-password"
            value={fields.again}
            onChange={(e) => setFields({ ...fields, again: e.target.value })}
          />
        </Field>
      </fieldset>
      <div>
        <button
          type="button"
          className={`${SMALL_BUTTON} px-3`}
          disabled={busy}
          onClick={() => void change()}
        >
          {busy ? 'Changing…' : 'Change my password'}
        </button>
      </div>
      <AccountNote outcome={outcome} />
    </Section>
  );
}
