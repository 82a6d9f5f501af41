import { type FormEvent, useState } from 'react';
import { credentialsFor } from '../../config/credentials';
import type { LayoutItem } from '../../core/layout';
import { replaceLayoutEdit } from '../../store/layoutSlice';
import { selectSettings } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import { AccountAdminSection } from './AccountAdminSection';
import { AccountsSection } from './AccountsSection';
import { AlertSection } from './AlertSection';
import { BackupSection } from './BackupSection';
import { BrokerSection } from './BrokerSection';
import { DisplaySection } from './DisplaySection';
import { OwnPasswordSection } from './OwnPasswordSection';
import { PatternSection } from './PatternSection';
import { RoomsSection } from './RoomsSection';
import { SignedInLine } from './SignedInLine';
import { fromDraft, type SettingsDraft, settleCredentials, toDraft } from './settingsDraft';
import { UnitsSection } from './UnitsSection';
import { ViewsSection } from './ViewsSection';

const TABS = [
  { key: 'broker', label: 'Broker' },
  { key: 'display', label: 'Display' },
  { key: 'rooms', label: 'Rooms' },
  { key: 'views', label: 'Views' },
  { key: 'units', label: 'Units' },
  { key: 'alerts', label: 'Alerts' },
  { key: 'patterns', label: 'Topics' },
  { key: 'backup', label: 'Backup' },
  { key: 'accounts', label: 'Accounts' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/** Puts an imported file's rooms, names and views in place of this house's (shared, so said in a notice). */
function importLayout(items: LayoutItem[]): void {
  const state = useHearthStore.getState();
  const refused = state.changeLayout(replaceLayoutEdit(state.layout, items), 'Import rooms, names and views');
  if (refused !== null) state.notify(`Rooms, names and views not imported: ${refused}.`, 'error');
}

/** Every setting, one tab per concern; nothing applies until Save. */
export default function SettingsForm({ onDone }: { onDone: () => void }) {
  const current = useHearthStore(selectSettings);
  const updateSettings = useHearthStore((s) => s.updateSettings);
  // The form shows the credentials that apply to the broker shown: none for a link's broker.
  const [opened] = useState(() => ({
    ...current,
    ...credentialsFor(current.brokerUrl, useHearthStore.getState().savedSettings, window.location),
  }));
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(opened));
  const [tab, setTab] = useState<Tab>('broker');
  const [problems, setProblems] = useState<string[]>([]);
  // Accounts, screens and one's password: only where there are accounts.
  const signedIn = useHearthStore((s) => s.account.kind === 'signed-in');
  const tabs = TABS.filter((t) => t.key !== 'accounts' || signedIn);
  const update = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = fromDraft(draft, window.location.protocol);
    setProblems(result.problems);
    if (result.settings === null) return;
    if (
      result.settings.notify &&
      !current.notify &&
      'Notification' in window &&
      Notification.permission === 'default'
    ) {
      await Notification.requestPermission();
    }
    // If the browser refuses to save, the settings still apply for this visit.
    updateSettings(settleCredentials(result.settings, opened, current, window.location));
    if (draft.layoutImport !== undefined) importLayout(draft.layoutImport);
    onDone();
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 p-5">
      <h2 id="settings-title" className="text-lg font-semibold">
        Settings
      </h2>
      <SignedInLine />
      <div
        role="tablist"
        aria-label="Settings sections"
        className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700"
      >
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            onClick={() => setTab(t.key)}
            className={`h-11 rounded-t-lg px-3 text-sm font-medium ${
              tab === t.key
                ? 'border-b-2 border-orange-700 text-orange-800 dark:border-orange-400 dark:text-orange-300'
                : ''
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="flex flex-col gap-4">
        {tab === 'broker' && <BrokerSection draft={draft} update={update} />}
        {tab === 'display' && <DisplaySection draft={draft} update={update} />}
        {tab === 'rooms' && <RoomsSection />}
        {tab === 'views' && <ViewsSection onOpened={onDone} />}
        {tab === 'units' && <UnitsSection draft={draft} update={update} />}
        {tab === 'alerts' && <AlertSection draft={draft} update={update} />}
        {tab === 'patterns' && <PatternSection draft={draft} update={update} />}
        {tab === 'backup' && <BackupSection draft={draft} replace={setDraft} />}
        {tab === 'accounts' && signedIn && (
          <>
            <AccountAdminSection />
            <AccountsSection />
            <OwnPasswordSection />
          </>
        )}
      </div>
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
      <div className="sticky -bottom-5 -mx-5 flex justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-700 dark:bg-slate-900">
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
