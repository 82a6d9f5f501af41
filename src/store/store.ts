import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings';
import { type AlertBook, acknowledgeAlert, EMPTY_ALERTS, reconcileAlerts } from '../core/alerts';
import type { ConnectionStatus } from '../core/connectionStatus';
import { EMPTY_FLEET, type Fleet } from '../core/device';
import { DEFAULT_FOLD_LIMITS, foldInterpreted, type InterpretedMessage } from '../core/fold';
import { addToRollups, createSeriesRollups, type SeriesRollups } from '../core/rollup';
import { addOutage, type Outage, restoreFleet, type Snapshot, seriesKey } from '../core/snapshot';
import { refreshStatuses } from '../core/status';

export interface HearthState {
  fleet: Fleet;
  alerts: AlertBook;
  /**
   * Alerts are raised only while the connection is up and has settled: a dashboard that lost
   * its broker must not blame every device for its own silence, and a reload must not alert
   * for devices whose retained state has not arrived yet.
   */
  alertsArmed: boolean;
  /** Minute and ten-minute rollups per series (`seriesKey`), mutated in place. */
  rollups: Map<string, SeriesRollups>;
  /** Spans when the dashboard received nothing; charts break there. */
  outages: Outage[];
  /** When the restored data was saved (null once live data arrived or nothing was restored). */
  restoredFrom: number | null;
  /** When the last message was folded (for "showing data from 14:32"). */
  lastDataAt: number | null;
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
  /** Starts raising alerts, reconciling every device once. */
  armAlerts(nowMs: number): void;
  disarmAlerts(): void;
  recordOutage(outage: Outage): void;
  /** Loads what the last visit saved; runs before the broker connects. */
  restore(snapshot: Snapshot, historyCapacity: number, nowMs: number): void;
  setConnection(status: ConnectionStatus): void;
  setSettings(settings: Settings, problems?: string[]): void;
  acknowledge(alertId: number): void;
  clearAlertLog(): void;
}

/** The one store of the app. High-rate data enters only through `ingest`, one batch at a time. */
export const useHearthStore = create<HearthState>()((set, get) => ({
  fleet: EMPTY_FLEET,
  alerts: EMPTY_ALERTS,
  alertsArmed: false,
  rollups: new Map(),
  outages: [],
  restoredFrom: null,
  lastDataAt: null,
  connection: { kind: 'connecting', url: '' },
  settings: DEFAULT_SETTINGS,
  settingsProblems: [],
  messageCount: 0,
  deviceFilter: '',
  openDeviceId: null,

  setDeviceFilter(deviceFilter) {
    set({ deviceFilter });
  },

  openDevice(openDeviceId) {
    set({ openDeviceId });
  },

  ingest(batch, nowMs) {
    const { fleet, alerts, alertsArmed, settings, messageCount, rollups } = get();
    const folded = foldInterpreted(fleet, batch, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs,
      staleAfterMs: settings.staleAfterSec * 1000,
    });
    recordRollups(rollups, batch, folded.fleet);
    set({
      fleet: folded.fleet,
      alerts: alertsArmed ? reconcileAlerts(alerts, folded.fleet, folded.statusChanged, nowMs) : alerts,
      messageCount: messageCount + batch.length,
      lastDataAt: nowMs,
      restoredFrom: null,
    });
  },

  tick(nowMs) {
    const { fleet, alerts, alertsArmed, settings } = get();
    const refreshed = refreshStatuses(fleet, nowMs, settings.staleAfterSec * 1000);
    if (refreshed.fleet === fleet) return;
    set({
      fleet: refreshed.fleet,
      alerts: alertsArmed ? reconcileAlerts(alerts, refreshed.fleet, refreshed.changed, nowMs) : alerts,
    });
  },

  armAlerts(nowMs) {
    const { fleet, alerts } = get();
    set({ alertsArmed: true, alerts: reconcileAlerts(alerts, fleet, fleet.ids, nowMs) });
  },

  disarmAlerts() {
    set({ alertsArmed: false });
  },

  recordOutage(outage) {
    set({ outages: addOutage(get().outages, outage) });
  },

  restore(snapshot, historyCapacity, nowMs) {
    if (get().fleet.devices.size > 0) return; // live data won the race; do not overwrite it
    const rollups = new Map<string, SeriesRollups>();
    for (const entry of snapshot.series) rollups.set(seriesKey(entry.device, entry.metric), entry.rollups);
    const outages =
      snapshot.savedAt === null
        ? snapshot.outages
        : addOutage(snapshot.outages, { from: snapshot.savedAt, to: nowMs });
    set({
      fleet: restoreFleet(snapshot.devices, historyCapacity),
      alerts: snapshot.alerts ?? EMPTY_ALERTS,
      rollups,
      outages,
      restoredFrom: snapshot.devices.length > 0 ? snapshot.savedAt : null,
      lastDataAt: snapshot.savedAt,
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

/** Live readings go into the long-term tiers; retained ones are old state, not history. */
function recordRollups(
  rollups: Map<string, SeriesRollups>,
  batch: readonly InterpretedMessage[],
  fleet: Fleet,
): void {
  for (const item of batch) {
    if (item.retained || item.meaning.kind !== 'readings' || !fleet.devices.has(item.meaning.device))
      continue;
    const at = item.meaning.sampleAt ?? item.receivedAt;
    for (const reading of item.meaning.readings) {
      const key = seriesKey(item.meaning.device, reading.metric);
      let entry = rollups.get(key);
      if (entry === undefined) {
        entry = createSeriesRollups();
        rollups.set(key, entry);
      }
      addToRollups(entry, at, reading.value);
    }
  }
}
