import { create } from 'zustand';
import {
  changeSettings,
  DEFAULT_SETTINGS,
  effectiveSettings,
  type LoadedSettings,
  type Settings,
  type SettingsChangeOrigin,
  saveSettings,
} from '../config/settings';
import { type AlertBook, acknowledgeAlert, acknowledgeAlerts, EMPTY_ALERTS } from '../core/alerts';
import { clipText } from '../core/clip';
import { commandFor, type PendingControl, startPending } from '../core/command';
import type { ConnectionStatus } from '../core/connectionStatus';
import { EMPTY_FLEET, type Fleet } from '../core/device';
import { applyFleetRules, type FleetChange, statusChange } from '../core/fleetRules';
import { DEFAULT_FOLD_LIMITS, foldBatch } from '../core/fold';
import type { ApiDevice, ApiEvent } from '../core/historyApi';
import type { InterpretedMessage } from '../core/interpretation';
import { addNotice, type Notice } from '../core/notice';
import type { SeriesRollups } from '../core/rollup';
import { foldServerDevices } from '../core/serverFleet';
import { addOutage, type Outage, restoreFleet, type Snapshot, seriesKey } from '../core/snapshot';
import { migrateSnapshot, type SavedSnapshot } from '../core/snapshotMigration';
import { type Deafness, refreshStatuses } from '../core/status';
import { EMPTY_RULE_STATE, type RuleState } from '../core/thresholds';
import { checkPublishTopic, matchesFilter } from '../core/topic';
import { accessOf } from './access';
import { type AccountState, createAccountSlice } from './accountSlice';
import { createLayoutSlice, type LayoutState } from './layoutSlice';

/** A message to the broker, as the connection takes it. */
export interface OutgoingMessage {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

/**
 * Whether the page is served by a Hearth server that remembers this house (`/api` answered):
 * unknown until it answers, absent when standalone (static files, another broker, no recorder).
 */
export type ServerPresence = 'unknown' | 'present' | 'absent';

/** Sends one message; resolves to null when sent or the reason it was not. */
export type Publisher = (message: OutgoingMessage) => Promise<string | null>;

export interface HearthState extends LayoutState, AccountState {
  fleet: Fleet;
  alerts: AlertBook;
  /**
   * Alerts are raised only while the connection is up and has settled: a dashboard that lost
   * its broker must not blame every device for its own silence, and a reload must not alert
   * for devices whose retained state has not arrived yet.
   */
  alertsArmed: boolean;
  /**
   * Minute and ten-minute rollups per series (`seriesKey(device key, metric)`): mutated in place
   * by `applyFleetRules`, replaced only by `restore`.
   */
  rollups: Map<string, SeriesRollups>;
  /**
   * Spans when the dashboard heard nothing (broker unreachable, the tablet asleep, a reload,
   * the catch-up after reconnecting); charts break there, and silence in them is not a device's.
   */
  outages: Outage[];
  /** Since when the dashboard has been deaf (not connected, or still catching up), else null. */
  deafSince: number | null;
  /** When this page first listened (connected and caught up), else null. */
  listeningSince: number | null;
  /** When the restored data was saved (null once live data arrived or nothing was restored). */
  restoredFrom: number | null;
  /** When the last message was folded (for "showing data from 14:32"). */
  lastDataAt: number | null;
  connection: ConnectionStatus;
  /** Where threshold rules stand per (rule, device). */
  ruleState: RuleState;
  /** Controls sent and waiting for the device to echo the new state. */
  pending: readonly PendingControl[];
  notices: readonly Notice[];
  /** Whether a Hearth server remembers this house; set once its first answer (or silence) is in. */
  server: ServerPresence;
  /** Events the server recorded before this page opened (newest first), for the alert log. */
  pastEvents: readonly ApiEvent[];
  /** Set by the session while a connection exists; views publish through store actions. */
  publisher: Publisher | null;
  /** Lists topics the connection saw lately (for trying out patterns); set by the session. */
  topicSampler: (() => Promise<string[]>) | null;
  /** The settings that apply: `savedSettings` with `urlOverrides` on top. */
  settings: Settings;
  /** What the user chose on this device; the only settings written to localStorage. */
  savedSettings: Settings;
  /** What this visit's URL fixed (`?kiosk=1`): applies now, never saved. */
  urlOverrides: Partial<Settings>;
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
  /**
   * Folds one batch of messages into device state and alerts in a single update. Statuses count
   * silence up to `heardUntil` (default `nowMs`): the last moment the connection is known to have
   * been running, so a backlog delivered on waking is not read as a long silence.
   */
  ingest(batch: readonly InterpretedMessage[], nowMs: number, heardUntil?: number): void;
  /** Re-derives statuses as time passes (silence makes a device stale). */
  tick(nowMs: number): void;
  /**
   * The dashboard stopped hearing at `since` (a lost connection, or a pause found afterwards, so
   * `since` may be in the past): statuses stop counting silence from then, and alerts wait.
   */
  goDeaf(since: number): void;
  /**
   * Connected and caught up at `nowMs`: the deaf span becomes an outage (only if there was data
   * to break), statuses are re-derived, and alerts start, reconciling every device once.
   */
  listen(nowMs: number): void;
  /**
   * Folds what the Hearth server remembers of the devices (`/api/devices`) in one update, as
   * remembered state, never as a sign of life (see `foldServerDevices`).
   */
  rememberServerDevices(devices: readonly ApiDevice[], nowMs: number): void;
  setServerPresence(server: ServerPresence): void;
  setPastEvents(events: readonly ApiEvent[]): void;
  /**
   * Connects to the broker the server names for this house, for this visit only (never saved):
   * as a link's `?broker=` would, so a broker the user then chooses replaces it.
   */
  adoptServerBroker(brokerUrl: string): void;
  /** Loads what the last visit saved (by this version or an earlier one); runs before the broker connects. */
  restore(snapshot: SavedSnapshot, historyCapacity: number, nowMs: number): void;
  setConnection(status: ConnectionStatus): void;
  setPublisher(publisher: Publisher | null, topicSampler: (() => Promise<string[]>) | null): void;
  /** Sends a switch or set point command, then waits for the echo (or reverts with a notice). */
  sendControl(deviceId: string, controlId: string, desired: boolean | number): Promise<void>;
  /** Publishes a message typed by the user; resolves to null or the reason it was refused. */
  publishMessage(message: OutgoingMessage): Promise<string | null>;
  notify(text: string, tone: Notice['tone']): void;
  dismissNotice(id: number): void;
  /** Takes the settings read at start (saved ones and URL overrides); writes nothing. */
  applyLoadedSettings(loaded: LoadedSettings): void;
  /**
   * The one writer of saved settings: applies a change from the settings dialog or a settings
   * file (see `changeSettings` for which fields are saved) and saves it. False when the browser
   * refused to store it; the change still applies for this visit.
   */
  updateSettings(next: Partial<Settings>, origin?: SettingsChangeOrigin): boolean;
  acknowledge(alertId: number): void;
  /** Acknowledges many alerts in one update (a whole group of them). */
  acknowledgeAll(alertIds: readonly number[]): void;
  clearAlertLog(): void;
}

/** The one store of the app. High-rate data enters only through `ingest`, one batch at a time. */
export const useHearthStore = create<HearthState>()((set, get) => ({
  ...createAccountSlice(set, get),
  ...createLayoutSlice(set, get, (viewOverrides) => {
    const { savedSettings: saved, urlOverrides } = get();
    return { viewOverrides, settings: effectiveSettings({ saved, urlOverrides, viewOverrides }) };
  }),
  fleet: EMPTY_FLEET,
  alerts: EMPTY_ALERTS,
  alertsArmed: false,
  rollups: new Map(),
  outages: [],
  deafSince: Date.now(),
  listeningSince: null,
  restoredFrom: null,
  lastDataAt: null,
  connection: { kind: 'connecting', url: '' },
  ruleState: EMPTY_RULE_STATE,
  pending: [],
  notices: [],
  server: 'unknown',
  pastEvents: [],
  publisher: null,
  topicSampler: null,
  settings: DEFAULT_SETTINGS,
  savedSettings: DEFAULT_SETTINGS,
  urlOverrides: {},
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

  ingest(batch, nowMs, heardUntil = nowMs) {
    const { fleet, settings, messageCount } = get();
    const folded = foldBatch(fleet, batch, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs: Math.min(nowMs, heardUntil),
      staleAfterMs: settings.staleAfterSec * 1000,
      deafness: deafnessOf(get()),
    });
    set({
      ...runFleetRules(get(), folded, nowMs),
      fleet: folded.fleet,
      messageCount: messageCount + batch.length,
      lastDataAt: nowMs,
      restoredFrom: null,
    });
  },

  tick(nowMs) {
    const state = get();
    const refreshed = refreshStatuses(
      state.fleet,
      nowMs,
      state.settings.staleAfterSec * 1000,
      deafnessOf(state),
    );
    const next = runFleetRules(state, statusChange(refreshed.fleet, refreshed.changed), nowMs);
    if (
      refreshed.fleet === state.fleet &&
      next.alerts === state.alerts &&
      next.ruleState === state.ruleState &&
      next.pending === state.pending &&
      next.notices === state.notices
    ) {
      return;
    }
    set({ ...next, fleet: refreshed.fleet });
  },

  goDeaf(since) {
    const { deafSince, alertsArmed } = get();
    if (deafSince !== null && deafSince <= since && !alertsArmed) return;
    set({ deafSince: deafSince === null ? since : Math.min(deafSince, since), alertsArmed: false });
  },

  listen(nowMs) {
    const before = get();
    const outages =
      before.deafSince !== null && before.lastDataAt !== null
        ? addOutage(before.outages, { from: before.deafSince, to: nowMs })
        : before.outages;
    const listening = {
      ...before,
      outages,
      deafSince: null,
      listeningSince: before.listeningSince ?? nowMs,
      alertsArmed: true,
    };
    const refreshed = refreshStatuses(
      listening.fleet,
      nowMs,
      listening.settings.staleAfterSec * 1000,
      deafnessOf(listening),
    );
    const state = { ...listening, fleet: refreshed.fleet };
    set({
      ...runFleetRules(state, statusChange(state.fleet, state.fleet.ids), nowMs),
      fleet: state.fleet,
      outages,
      deafSince: null,
      listeningSince: listening.listeningSince,
      alertsArmed: true,
    });
  },

  restore(saved, historyCapacity, nowMs) {
    if (get().fleet.devices.size > 0) return; // live data won the race; do not overwrite it
    // Data saved by a version before device keys and quantities is read as this version's.
    const { snapshot } = migrateSnapshot(saved);
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
      // What is on screen is as old as the newest message it holds, not as the last save.
      lastDataAt: newestSeen(snapshot) ?? snapshot.savedAt,
    });
  },

  rememberServerDevices(devices, nowMs) {
    const state = get();
    // Only what this screen subscribes to, as it would show it live.
    const filters = state.settings.topics;
    const subscribed = (topic: string) => filters.some((filter) => matchesFilter(filter, topic));
    const heard = devices.flatMap((device) => {
      if (!device.topics.some(subscribed)) return [];
      const readings = device.readings.filter(
        (reading) => reading.topic === null || subscribed(reading.topic),
      );
      return readings.length === device.readings.length ? [device] : [{ ...device, readings }];
    });
    const change = foldServerDevices(state.fleet, heard, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs,
      staleAfterMs: state.settings.staleAfterSec * 1000,
      deafness: deafnessOf(state),
    });
    if (change.fleet === state.fleet) return;
    let newest = state.lastDataAt ?? 0;
    for (const sample of change.accepted) newest = Math.max(newest, sample.at);
    set({
      ...runFleetRules(state, change, nowMs),
      fleet: change.fleet,
      lastDataAt: newest > 0 ? newest : state.lastDataAt,
    });
  },

  setServerPresence(server) {
    if (get().server !== server) set({ server });
  },

  setPastEvents(pastEvents) {
    set({ pastEvents });
  },

  adoptServerBroker(brokerUrl) {
    const { savedSettings, urlOverrides, viewOverrides } = get();
    const overrides = { ...urlOverrides, brokerUrl };
    set({
      urlOverrides: overrides,
      settings: effectiveSettings({ saved: savedSettings, urlOverrides: overrides, viewOverrides }),
    });
  },

  setConnection(connection) {
    set({ connection });
  },

  setPublisher(publisher, topicSampler) {
    set({ publisher, topicSampler });
  },

  async sendControl(deviceId, controlId, desired) {
    const { fleet, publisher, settings, pending, account } = get();
    const refusal = accessOf(account, settings.readonly).controlRefusal;
    if (refusal !== null) {
      // A view account's screen offers no switch; a stray call (a stale tap) is said, not sent.
      if (!settings.readonly) get().notify(`${refusal}. The command was not sent.`, 'error');
      return;
    }
    const device = fleet.devices.get(deviceId);
    const control = device?.controls?.find((c) => c.id === controlId);
    if (device === undefined || control === undefined) return;
    const command = commandFor(control, desired, Date.now() % 1_000_000);
    if (!command.ok) {
      get().notify(command.error, 'error');
      return;
    }
    if (publisher === null) {
      get().notify('Not connected to the broker: the command was not sent.', 'error');
      return;
    }
    const waiting = startPending(deviceId, control, desired, Date.now());
    set({
      pending: [...pending.filter((p) => !(p.device === deviceId && p.control === controlId)), waiting],
    });
    const error = await publisher({
      topic: command.topic,
      payload: command.payload,
      qos: command.qos,
      retain: command.retain,
    });
    if (error !== null) {
      set({ pending: get().pending.filter((p) => p !== waiting) });
      get().notify(`Could not send to ${clipText(command.topic)}: ${error}`, 'error');
    }
  },

  async publishMessage(message) {
    const { publisher, settings, account } = get();
    if (settings.readonly) return 'this dashboard is read-only';
    const refusal = accessOf(account, false).controlRefusal;
    if (refusal !== null) return refusal;
    const check = checkPublishTopic(message.topic);
    if (!check.ok) return check.reason;
    if (publisher === null) return 'not connected to the broker';
    return publisher(message);
  },

  notify(text, tone) {
    set({ notices: addNotice(get().notices, text, tone, Date.now()) });
  },

  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },

  applyLoadedSettings({ saved, urlOverrides, problems }) {
    const settings = effectiveSettings({ saved, urlOverrides, viewOverrides: get().viewOverrides });
    set({ savedSettings: saved, urlOverrides, settings, settingsProblems: problems });
  },

  updateSettings(next, origin = 'dialog') {
    const { savedSettings, urlOverrides, viewOverrides } = get();
    const layers = changeSettings({ saved: savedSettings, urlOverrides, viewOverrides }, next, origin);
    set({
      savedSettings: layers.saved,
      urlOverrides: layers.urlOverrides,
      settings: effectiveSettings(layers),
    });
    return saveSettings(layers.saved);
  },

  acknowledge(alertId) {
    set({ alerts: acknowledgeAlert(get().alerts, alertId) });
  },

  acknowledgeAll(alertIds) {
    set({ alerts: acknowledgeAlerts(get().alerts, alertIds) });
  },

  clearAlertLog() {
    set({ alerts: { ...get().alerts, log: [] } });
  },
}));

/** The rules after a change of the fleet (core/fleetRules.ts), with the settings that apply. */
function runFleetRules(state: HearthState, change: FleetChange, nowMs: number) {
  return applyFleetRules(state, { rules: state.settings.rules, units: state.settings.units }, change, nowMs);
}

/** When the dashboard could not hear, as the status rules read it. */
function deafnessOf(state: Pick<HearthState, 'outages' | 'deafSince' | 'listeningSince'>): Deafness {
  return { spans: state.outages, since: state.deafSince, listeningSince: state.listeningSince };
}

function newestSeen(snapshot: Snapshot): number | null {
  let newest: number | null = null;
  for (const device of snapshot.devices) {
    if (device.lastSeenAt > 0 && (newest === null || device.lastSeenAt > newest)) newest = device.lastSeenAt;
  }
  return newest;
}
