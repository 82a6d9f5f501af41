import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  type NightDim,
  parseStaleAfter,
  parseTopics,
  type Settings,
  STALE_AFTER_MAX_SEC,
  saveSettings,
} from '../../config/settings';
import { checkBrokerUrl, defaultBrokerUrl } from '../../core/connectionStatus';
import { selectSettings } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { Check, FIELD_CLASS, Field, Section } from './fields';

/** Broker, credentials, subscriptions, display and alerts, in a modal dialog. */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d === null) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="settings-title"
      className="m-auto max-h-[calc(100dvh-1rem)] w-[min(36rem,calc(100vw-1rem))] rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && <SettingsForm onDone={onClose} />}
    </dialog>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const current = useHearthStore(selectSettings);
  const setSettings = useHearthStore((s) => s.setSettings);
  const [brokerUrl, setBrokerUrl] = useState(current.brokerUrl ?? '');
  const [username, setUsername] = useState(current.username);
  const [password, setPassword] = useState(current.password);
  const [remember, setRemember] = useState(current.rememberPassword);
  const [topics, setTopics] = useState(current.topics.join('\n'));
  const [staleAfter, setStaleAfter] = useState(String(current.staleAfterSec));
  const [kiosk, setKiosk] = useState(current.kiosk);
  const [chime, setChime] = useState(current.chime);
  const [notify, setNotify] = useState(current.notify);
  const [nightDim, setNightDim] = useState<NightDim>(current.nightDim);
  const [problems, setProblems] = useState<string[]>([]);
  const placeholder = defaultBrokerUrl(window.location);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const url = brokerUrl.trim();
    if (url !== '') {
      const check = checkBrokerUrl(url, window.location.protocol);
      if (!check.ok) found.push(`Broker URL: ${check.reason}`);
    }
    const parsedTopics = parseTopics(topics.replaceAll('\n', ','));
    found.push(...parsedTopics.problems.map((p) => `Subscriptions: ${p}`));
    if (parsedTopics.topics.length === 0)
      found.push('Subscriptions: enter at least one filter, e.g. house/#');
    const seconds = parseStaleAfter(staleAfter);
    if (seconds === null) found.push(`Stale after: a number of seconds from 1 to ${STALE_AFTER_MAX_SEC}`);
    if (nightDim.mode === 'sensor' && nightDim.sensorDevice.trim() === '') {
      found.push('Night dim: name the device whose brightness decides');
    }
    setProblems(found);
    if (found.length > 0 || seconds === null) return;
    if (notify && !current.notify && 'Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    const next: Settings = {
      brokerUrl: url === '' ? null : url,
      username: username.trim(),
      password,
      rememberPassword: remember,
      topics: parsedTopics.topics,
      staleAfterSec: seconds,
      kiosk,
      chime,
      notify,
      nightDim: { ...nightDim, sensorDevice: nightDim.sensorDevice.trim() },
    };
    saveSettings(next); // if the browser refuses, the settings still apply for this visit
    setSettings(next);
    onDone();
  };

  const dim = (patch: Partial<NightDim>) => setNightDim((d) => ({ ...d, ...patch }));

  return (
    <form onSubmit={submit} className="flex flex-col gap-5 p-5">
      <h2 id="settings-title" className="text-lg font-semibold">
        Settings
      </h2>
      <Section title="Broker">
        <Field label="Broker WebSocket URL" hint={`Empty: this server’s own broker (${placeholder}).`}>
          <input
            className={FIELD_CLASS}
            value={brokerUrl}
            onChange={(e) => setBrokerUrl(e.target.value)}
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
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
            />
          </Field>
          <Field label="Password">
            <input
              className={FIELD_CLASS}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
            />
          </Field>
        </div>
        <Check label="Remember the password on this device" checked={remember} onChange={setRemember} />
        <Field label="Subscriptions (one filter per line, + and # allowed)">
          <textarea
            className={`${FIELD_CLASS} h-24 py-2 font-mono`}
            value={topics}
            onChange={(e) => setTopics(e.target.value)}
            spellCheck={false}
          />
        </Field>
        <Field label="A device is stale after (seconds of silence)">
          <input
            className={FIELD_CLASS}
            value={staleAfter}
            onChange={(e) => setStaleAfter(e.target.value)}
            inputMode="numeric"
          />
        </Field>
      </Section>
      <Section title="Display">
        <Check
          label="Kiosk mode: big values, no settings chrome, screen kept on"
          checked={kiosk}
          onChange={setKiosk}
        />
        <Field label="Night dim">
          <select
            className={FIELD_CLASS}
            value={nightDim.mode}
            onChange={(e) => dim({ mode: e.target.value as NightDim['mode'] })}
          >
            <option value="off">Off</option>
            <option value="schedule">On a schedule</option>
            <option value="sensor">When a brightness sensor reads dark</option>
          </select>
        </Field>
        {nightDim.mode === 'schedule' && (
          <div className="grid grid-cols-2 gap-3">
            <Field label="From">
              <input
                className={FIELD_CLASS}
                type="time"
                value={nightDim.from}
                onChange={(e) => dim({ from: e.target.value })}
              />
            </Field>
            <Field label="To">
              <input
                className={FIELD_CLASS}
                type="time"
                value={nightDim.to}
                onChange={(e) => dim({ to: e.target.value })}
              />
            </Field>
          </div>
        )}
        {nightDim.mode === 'sensor' && (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Brightness sensor (device)">
              <input
                className={FIELD_CLASS}
                value={nightDim.sensorDevice}
                onChange={(e) => dim({ sensorDevice: e.target.value })}
              />
            </Field>
            <Field label="Dark below (lx)">
              <input
                className={FIELD_CLASS}
                type="number"
                min={0}
                value={nightDim.darkBelowLux}
                onChange={(e) => dim({ darkBelowLux: Number(e.target.value) })}
              />
            </Field>
          </div>
        )}
      </Section>
      <Section title="Alerts">
        <Check label="Play a chime for a new alert" checked={chime} onChange={setChime} />
        <Check label="Show a system notification for a new alert" checked={notify} onChange={setNotify} />
      </Section>
      {problems.length > 0 && (
        <ul
          role="alert"
          className="rounded-lg bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onDone}
          className="h-11 rounded-lg px-4 font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
        <button
          type="submit"
          className="h-11 rounded-lg bg-orange-700 px-4 font-semibold text-white hover:bg-orange-800"
        >
          Save
        </button>
      </div>
    </form>
  );
}
