import { useState } from 'react';
import { AlertsPanel } from '../features/alerts/AlertsPanel';
import { ChartsPanel } from '../features/charts/ChartsPanel';
import { ConnectionBadge, ConnectionProblem, DataAgeNote } from '../features/connection/ConnectionBadge';
import { DeviceDetail } from '../features/devices/DeviceDetail';
import { DeviceGrid } from '../features/devices/DeviceGrid';
import { Notices } from '../features/notices/Notices';
import { CredentialsOffer } from '../features/provision/CredentialsOffer';
import { PublishPanel } from '../features/publish/PublishPanel';
import { SettingsDialog } from '../features/settings/SettingsPanel';
import { selectMayControl } from '../store/access';
import { LiveRendered, useLiveStore } from '../store/live';
import { selectStatusCounts } from '../store/selectors';
import { useHearthStore } from '../store/store';
import { ErrorBoundary } from './ErrorBoundary';
import { createHistoryClient } from './historyClient';
import { ReloadPrompt } from './ReloadPrompt';
import { watchSignOut } from './signInApi';
import { ViewPicker } from './ViewPicker';
import { useBurnInShift, useNightDimLevel, useWakeLock } from './wallTablet';

/** The page: header with the connection, then alerts, devices and charts. */
export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  // One per page: it remembers whether a Hearth server keeps history and caches its answers.
  const [history] = useState(() =>
    createHistoryClient({
      // A 401 from an ended session is a doubt for the session watch to confirm, not an absent server.
      fetch: watchSignOut(
        (input, init) => globalThis.fetch(input, init),
        () => useHearthStore.getState().doubtSession(),
      ),
    }),
  );
  const kiosk = useHearthStore((s) => s.settings.kiosk);
  // The charts and the publish panel are laid out once the house's first messages are in, read as
  // the cards are (a transition), so they come in the same frame as the cards above them: shown
  // before, on a phone they sat where the cards then arrive and were pushed down a screen as they
  // did (Lighthouse's layout shift, 0.62).
  const houseShown = useLiveStore('house shown', (s) => s.listeningSince !== null || s.fleet.ids.length > 0);
  const nightDim = useHearthStore((s) => s.settings.nightDim);
  // A view account, or a read-only screen, sends nothing: no publish panel.
  const mayControl = useHearthStore(selectMayControl);
  useWakeLock(kiosk);
  const shift = useBurnInShift(kiosk);
  const dimLevel = useNightDimLevel(nightDim);
  return (
    <div
      data-kiosk={kiosk || undefined}
      style={kiosk ? { transform: `translate(${shift.x}px, ${shift.y}px)` } : undefined}
      className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-4 p-3 transition-transform duration-1000 sm:p-4"
    >
      {/* One line at every width: on a phone the title is the icon, the summary counts, the badge a dot when all is well. */}
      <header className="flex items-center gap-2 sm:gap-3">
        <h1 className="flex shrink-0 items-center gap-2 text-xl font-bold">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="max-sm:sr-only">Hearth</span>
        </h1>
        <FleetSummary />
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <ErrorBoundary name="views">
            <ViewPicker />
          </ErrorBoundary>
          <ErrorBoundary name="connection">
            <ConnectionBadge />
          </ErrorBoundary>
          <button
            type="button"
            onClick={() => setSettingsOpen(true)}
            aria-label="Settings"
            className={`h-11 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 max-sm:w-11 max-sm:px-0 dark:border-slate-700 dark:hover:bg-slate-800 ${
              kiosk ? 'w-11 border-transparent px-0 text-slate-500 dark:border-transparent' : ''
            }`}
          >
            {kiosk ? '⋯' : <SettingsLabel />}
          </button>
        </div>
      </header>
      <ConnectionProblem onOpenSettings={() => setSettingsOpen(true)} />
      <CredentialsOffer onOpenSettings={() => setSettingsOpen(true)} />
      <DataAgeNote />
      <SettingsProblems />
      <LiveRendered />
      <main
        className={`grid min-w-0 grid-cols-1 gap-4 ${kiosk ? '' : 'xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]'}`}
      >
        <div className="flex min-w-0 flex-col gap-4">
          <ErrorBoundary name="alerts">
            <AlertsPanel />
          </ErrorBoundary>
          <ErrorBoundary name="devices">
            <DeviceGrid />
          </ErrorBoundary>
        </div>
        {!kiosk && (
          // Mounted from the start, so the charts ask the server's history at once, but laid out
          // only when the house is in (see houseShown).
          <div hidden={!houseShown} className="flex min-w-0 flex-col gap-4">
            <ErrorBoundary name="charts">
              <ChartsPanel history={history} />
            </ErrorBoundary>
            {mayControl && (
              <ErrorBoundary name="publish">
                <PublishPanel />
              </ErrorBoundary>
            )}
          </div>
        )}
      </main>
      <ErrorBoundary name="device detail">
        <DeviceDetail />
      </ErrorBoundary>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ReloadPrompt kiosk={kiosk} />
      <Notices />
      {dimLevel < 1 && (
        <div
          data-night-dim={dimLevel}
          aria-hidden="true"
          className="pointer-events-none fixed inset-0 z-50 bg-black"
          style={{ opacity: 1 - dimLevel }}
        />
      )}
    </div>
  );
}

function FleetSummary() {
  const counts = useHearthStore(selectStatusCounts);
  const [online, offline, stale, total] = counts.split('|').map(Number);
  if (total === 0) return null;
  return (
    <p className="min-w-0 truncate text-sm text-slate-600 dark:text-slate-300">
      {total}
      <span className="max-sm:hidden"> devices · {online} online</span>
      {offline !== 0 && (
        <span className="font-semibold text-red-700 dark:text-red-400"> · {offline} offline</span>
      )}
      {stale !== 0 && (
        <span className="font-semibold text-amber-700 dark:text-amber-400"> · {stale} stale</span>
      )}
    </p>
  );
}

/** "Settings" in words where there is room, a gear on a phone (the button keeps its name). */
function SettingsLabel() {
  return (
    <>
      <span className="max-sm:hidden">Settings</span>
      <span aria-hidden="true" className="text-lg sm:hidden">
        ⚙
      </span>
    </>
  );
}

function SettingsProblems() {
  const problems = useHearthStore((s) => s.settingsProblems);
  if (problems.length === 0) return null;
  return (
    <ul
      role="alert"
      className="rounded-xl bg-amber-100 p-3 text-sm text-amber-950 dark:bg-amber-900/60 dark:text-amber-50"
    >
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
