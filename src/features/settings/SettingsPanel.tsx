import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  parseStaleAfter,
  parseTopics,
  SETTINGS_STORAGE_KEY,
  type Settings,
  STALE_AFTER_MAX_SEC,
  serializeSettings,
} from '../../config/settings';
import { checkBrokerUrl, defaultBrokerUrl } from '../../core/connectionStatus';
import { selectSettings } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

const FIELD =
  'h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-800';

/** Broker, credentials, subscriptions and staleness, in a modal dialog. */
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
      className="m-auto w-[min(32rem,calc(100vw-1rem))] rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
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
  const [problems, setProblems] = useState<string[]>([]);
  const placeholder = defaultBrokerUrl(window.location);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const url = brokerUrl.trim();
    if (url !== '') {
      const check = checkBrokerUrl(url, window.location.protocol);
      if (!check.ok) found.push(`Broker URL: ${check.reason}`);
    }
    const parsedTopics = parseTopics(topics.replaceAll('\n', ','));
    found.push(...parsedTopics.problems.map((p) => `Topics: ${p}`));
    if (parsedTopics.topics.length === 0) found.push('Topics: enter at least one filter, e.g. house/#');
    const seconds = parseStaleAfter(staleAfter);
    if (seconds === null) found.push(`Stale after: a number of seconds from 1 to ${STALE_AFTER_MAX_SEC}`);
    setProblems(found);
    if (found.length > 0 || seconds === null) return;
    const next: Settings = {
      brokerUrl: url === '' ? null : url,
      username: username.trim(),
      password,
      rememberPassword: remember,
      topics: parsedTopics.topics,
      staleAfterSec: seconds,
    };
    try {
      localStorage.setItem(SETTINGS_STORAGE_KEY, serializeSettings(next));
    } catch {
      // Private mode or a full quota: the settings still apply for this visit.
    }
    setSettings(next);
    onDone();
  };

  return (
    <form onSubmit={submit} method="dialog" className="flex flex-col gap-4 p-5">
      <h2 id="settings-title" className="text-lg font-semibold">
        Settings
      </h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Broker WebSocket URL
        <input
          className={FIELD}
          value={brokerUrl}
          onChange={(e) => setBrokerUrl(e.target.value)}
          placeholder={placeholder}
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
        />
        <span className="font-normal text-slate-600 dark:text-slate-300">
          Empty: this server’s own broker ({placeholder}).
        </span>
      </label>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Username
          <input
            className={FIELD}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Password
          <input
            className={FIELD}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-5"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
        />
        Remember the password on this device
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Subscriptions (one filter per line, + and # allowed)
        <textarea
          className={`${FIELD} h-24 py-2 font-mono`}
          value={topics}
          onChange={(e) => setTopics(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        A device is stale after (seconds of silence)
        <input
          className={FIELD}
          value={staleAfter}
          onChange={(e) => setStaleAfter(e.target.value)}
          inputMode="numeric"
        />
      </label>
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
          Save and connect
        </button>
      </div>
    </form>
  );
}
