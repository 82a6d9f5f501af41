import { useState } from 'react';
import { brokerHost, isSameBroker } from '../../config/credentials';
import { activateProfile, type Settings, saveProfile } from '../../config/settings';
import { defaultBrokerUrl } from '../../core/connectionStatus';
import { CONVENTION_FILTERS } from '../../core/conventions/interpret';
import { useHearthStore } from '../../store/store';
import { Check, FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';
import { fromDraft, type SettingsDraft, toDraft, withBrokerUrl } from './settingsDraft';

/** Broker URL, credentials, subscriptions, staleness and saved broker profiles. */
export function BrokerSection({ draft, update }: SectionProps) {
  const placeholder = defaultBrokerUrl(window.location);
  const [profileName, setProfileName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const saved = useHearthStore((s) => s.savedSettings);
  const [clearedFor, setClearedFor] = useState<string | null>(null);

  const changeBrokerUrl = (text: string) => {
    const next = withBrokerUrl(draft, text, saved, window.location);
    if (draft.password !== '' && next.password === '')
      setClearedFor(brokerHost(draft.brokerUrl, window.location));
    if (next.password !== '') setClearedFor(null);
    update(next);
  };
  const passwordHint = passwordNote(draft, saved, clearedFor);

  const switchTo = (name: string) => {
    const profile = draft.profiles.find((p) => p.name === name);
    if (profile === undefined) return;
    const next = activateProfile(asSettings(draft), profile);
    update({ ...toDraft(next) });
    setNote(`Profile “${name}” loaded; Save to connect.`);
  };

  const saveAs = () => {
    const name = profileName.trim();
    if (name === '') {
      setNote('Give the profile a name first.');
      return;
    }
    const next = saveProfile(asSettings(draft), name);
    update({ profiles: next.profiles });
    setProfileName('');
    setNote(`Saved as profile “${name}”.`);
  };

  return (
    <>
      <Section title="Profiles">
        {draft.profiles.length > 0 && (
          <div className="flex flex-wrap gap-2">
            {draft.profiles.map((p) => (
              <span
                key={p.name}
                className="flex items-center gap-1 rounded-lg border border-slate-300 dark:border-slate-600"
              >
                <button
                  type="button"
                  onClick={() => switchTo(p.name)}
                  className="h-11 px-3 text-sm font-medium"
                >
                  {p.name}
                </button>
                <button
                  type="button"
                  aria-label={`Delete profile ${p.name}`}
                  onClick={() => update({ profiles: draft.profiles.filter((q) => q.name !== p.name) })}
                  className="h-11 w-11 text-slate-500"
                >
                  ×
                </button>
              </span>
            ))}
          </div>
        )}
        <div className="flex gap-2">
          <input
            className={FIELD_CLASS}
            value={profileName}
            onChange={(e) => setProfileName(e.target.value)}
            placeholder="Profile name, e.g. Home"
            aria-label="Profile name"
          />
          <button
            type="button"
            onClick={saveAs}
            className="h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
          >
            Save as profile
          </button>
        </div>
        {note !== null && <p className="text-sm text-slate-600 dark:text-slate-300">{note}</p>}
      </Section>
      <Section title="Broker">
        <Field label="Broker WebSocket URL" hint={`Empty: this server’s own broker (${placeholder}).`}>
          <input
            className={FIELD_CLASS}
            value={draft.brokerUrl ?? ''}
            onChange={(e) => changeBrokerUrl(e.target.value)}
            placeholder={placeholder}
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="Username">
            <input
              className={FIELD_CLASS}
              value={draft.username}
              onChange={(e) => update({ username: e.target.value })}
              autoComplete="username"
            />
          </Field>
          <Field label="Password" hint={passwordHint}>
            <input
              className={FIELD_CLASS}
              type="password"
              value={draft.password}
              data-password-note={passwordHint === undefined ? undefined : ''}
              onChange={(e) => {
                setClearedFor(null);
                update({ password: e.target.value });
              }}
              autoComplete="current-password"
            />
          </Field>
        </div>
        <Check
          label="Remember the password on this device"
          checked={draft.rememberPassword}
          onChange={(v) => update({ rememberPassword: v })}
        />
        <Field label="Subscriptions (one filter per line, + and # allowed)">
          <textarea
            className={`${FIELD_CLASS} h-24 py-2 font-mono`}
            value={draft.topicsText}
            onChange={(e) => update({ topicsText: e.target.value })}
            spellCheck={false}
          />
        </Field>
        <button
          type="button"
          onClick={() => update({ topicsText: withConventionFilters(draft.topicsText) })}
          className="h-11 self-start rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-600"
        >
          Add the topics of Home Assistant, Tasmota, Zigbee2MQTT, Homie, Shelly and HomeSeer
        </button>
        <Field label="A device is stale after (seconds of silence)">
          <input
            className={FIELD_CLASS}
            value={draft.staleAfterText}
            onChange={(e) => update({ staleAfterText: e.target.value })}
            inputMode="numeric"
          />
        </Field>
      </Section>
    </>
  );
}

/**
 * Says next to the password field why it is empty: a password saved or typed for another broker
 * is not sent to this one.
 */
function passwordNote(draft: SettingsDraft, saved: Settings, clearedFor: string | null): string | undefined {
  if (draft.password !== '') return undefined;
  const here = brokerHost(draft.brokerUrl, window.location);
  if (clearedFor !== null) return `The password was for ${clearedFor}; type the password for ${here}.`;
  if (saved.password !== '' && !isSameBroker(draft.brokerUrl, saved.brokerUrl, window.location)) {
    return `Your saved password is for ${brokerHost(saved.brokerUrl, window.location)}; it is not sent to ${here}.`;
  }
  return undefined;
}

/** The draft as settings, for profile operations (invalid text fields keep their last good value). */
function asSettings(draft: SettingsDraft): Settings {
  const checked = fromDraft(draft, window.location.protocol).settings;
  if (checked !== null) return checked;
  const { topicsText, staleAfterText: _s, ...rest } = draft;
  return { ...rest, topics: topicsText.split('\n').filter((t) => t.trim() !== ''), staleAfterSec: 60 };
}

/** The typed filters plus each convention's usual topics, without repeats. */
function withConventionFilters(topicsText: string): string {
  const current = topicsText
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return [...new Set([...current, ...CONVENTION_FILTERS])].join('\n');
}
