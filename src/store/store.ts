import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings';
import { type AlertBook, acknowledgeAlert, EMPTY_ALERTS, reconcileAlerts } from '../core/alerts';
import type { ConnectionStatus } from '../core/connectionStatus';
import { EMPTY_FLEET, type Fleet } from '../core/device';
import { DEFAULT_FOLD_LIMITS, foldInterpreted, type InterpretedMessage } from '../core/fold';
import { refreshStatuses } from '../core/status';

export interface HearthState {
  fleet: Fleet;
  alerts: AlertBook;
  connection: ConnectionStatus;
  settings: Settings;
  /** Problems with the URL parameters or saved settings, shown once in words. */
  settingsProblems: string[];
  /** Messages folded since the page loaded (for the header and for benchmarks). */
  messageCount: number;
  /** The device name filter typed by the user; the grid and the charts both follow it. */
  deviceFilter: string;
  setDeviceFilter(filter: string): void;
  /** The device shown full screen with its charts, or null. */
  openDeviceId: string | null;
  openDevice(id: string | null): void;
  /** Folds one batch of messages into device state and alerts in a single update. */
  ingest(batch: readonly InterpretedMessage[], nowMs: number): void;
  /** Re-derives statuses as time passes (silence makes a device stale). */
  tick(nowMs: number): void;
  setConnection(status: ConnectionStatus): void;
  setSettings(settings: Settings, problems?: string[]): void;
  acknowledge(alertId: number): void;
  clearAlertLog(): void;
}

/** The one store of the app. High-rate data enters only through `ingest`, one batch at a time. */
export const useHearthStore = create<HearthState>()((set, get) => ({
  fleet: EMPTY_FLEET,
  alerts: EMPTY_ALERTS,
  connection: { kind: 'connecting', url: '' },
  settings: DEFAULT_SETTINGS,
  settingsProblems: [],
  messageCount: 0,
  deviceFilter: '',
  openDeviceId: null,

  openDevice(openDeviceId) {
    set({ openDeviceId });
  },

  setDeviceFilter(deviceFilter) {
    set({ deviceFilter });
  },

  ingest(batch, nowMs) {
    const { fleet, alerts, settings, messageCount } = get();
    const folded = foldInterpreted(fleet, batch, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs,
      staleAfterMs: settings.staleAfterSec * 1000,
    });
    set({
      fleet: folded.fleet,
      alerts: reconcileAlerts(alerts, folded.fleet, folded.statusChanged, nowMs),
      messageCount: messageCount + batch.length,
    });
  },

  tick(nowMs) {
    const { fleet, alerts, settings } = get();
    const refreshed = refreshStatuses(fleet, nowMs, settings.staleAfterSec * 1000);
    if (refreshed.fleet === fleet) return;
    set({
      fleet: refreshed.fleet,
      alerts: reconcileAlerts(alerts, refreshed.fleet, refreshed.changed, nowMs),
    });
  },

  setConnection(connection) {
    set({ connection });
  },

  setSettings(settings, problems) {
    set(problems === undefined ? { settings } : { settings, settingsProblems: problems });
  },

  acknowledge(alertId) {
    set({ alerts: acknowledgeAlert(get().alerts, alertId) });
  },

  clearAlertLog() {
    set({ alerts: { ...get().alerts, log: [] } });
  },
}));
