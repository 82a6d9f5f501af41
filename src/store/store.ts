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
import {
  type AlertBook,
  acknowledgeAlert,
  applyThresholdEvents,
  EMPTY_ALERTS,
  reconcileAlerts,
} from '../core/alerts';
import { commandFor, confirmPending, type PendingControl, startPending } from '../core/command';
import type { ConnectionStatus } from '../core/connectionStatus';
import { EMPTY_FLEET, type Fleet } from '../core/device';
import { DEFAULT_FOLD_LIMITS, foldInterpreted, type InterpretedMessage } from '../core/fold';
import { addToRollups, createSeriesRollups, type SeriesRollups } from '../core/rollup';
import { addOutage, type Outage, restoreFleet, type Snapshot, seriesKey } from '../core/snapshot';
import { refreshStatuses } from '../core/status';
import { EMPTY_RULE_STATE, evaluateRules, type RuleState } from '../core/thresholds';
import { checkPublishTopic } from '../core/topic';

/** A message to the broker, as the connection takes it. */
export interface OutgoingMessage {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

/** Sends one message; resolves to null when sent or the reason it was not. */
export type Publisher = (message: OutgoingMessage) => Promise<string | null>;

/** A short message for the user that goes away by itself ("Lamp did not confirm…"). */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  at: number;
}

const NOTICES_MAX = 5;

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
  /** Where threshold rules stand per (rule, device). */
  ruleState: RuleState;
  /** Controls sent and waiting for the device to echo the new state. */
  pending: readonly PendingControl[];
  notices: readonly Notice[];
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
  ruleState: EMPTY_RULE_STATE,
  pending: [],
  notices: [],
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

  ingest(batch, nowMs) {
    const { fleet, alerts, alertsArmed, settings, messageCount, rollups } = get();
    const folded = foldInterpreted(fleet, batch, {
      ...DEFAULT_FOLD_LIMITS,
      nowMs,
      staleAfterMs: settings.staleAfterSec * 1000,
    });
    recordRollups(rollups, batch, folded.fleet);
    const reconciled = alertsArmed
      ? reconcileAlerts(alerts, folded.fleet, folded.statusChanged, nowMs)
      : alerts;
    set({
      ...afterFleetChange(get(), folded.fleet, reconciled, nowMs),
      fleet: folded.fleet,
      messageCount: messageCount + batch.length,
      lastDataAt: nowMs,
      restoredFrom: null,
    });
  },

  tick(nowMs) {
    const { fleet, alerts, alertsArmed, settings } = get();
    const refreshed = refreshStatuses(fleet, nowMs, settings.staleAfterSec * 1000);
    const reconciled = alertsArmed
      ? reconcileAlerts(alerts, refreshed.fleet, refreshed.changed, nowMs)
      : alerts;
    const next = afterFleetChange(get(), refreshed.fleet, reconciled, nowMs);
    if (
      refreshed.fleet === fleet &&
      next.alerts === alerts &&
      next.ruleState === get().ruleState &&
      next.pending === get().pending
    ) {
      return;
    }
    set({ ...next, fleet: refreshed.fleet });
  },

  armAlerts(nowMs) {
    const { fleet, alerts } = get();
    const reconciled = reconcileAlerts(alerts, fleet, fleet.ids, nowMs);
    set({
      ...afterFleetChange({ ...get(), alertsArmed: true }, fleet, reconciled, nowMs),
      alertsArmed: true,
    });
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
      // What is on screen is as old as the newest message it holds, not as the last save.
      lastDataAt: newestSeen(snapshot) ?? snapshot.savedAt,
    });
  },

  setConnection(connection) {
    set({ connection });
  },

  setPublisher(publisher, topicSampler) {
    set({ publisher, topicSampler });
  },

  async sendControl(deviceId, controlId, desired) {
    const { fleet, publisher, settings, pending } = get();
    if (settings.readonly) return;
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
      get().notify(`Could not send to ${command.topic}: ${error}`, 'error');
    }
  },

  async publishMessage(message) {
    const { publisher, settings } = get();
    if (settings.readonly) return 'this dashboard is read-only';
    const check = checkPublishTopic(message.topic);
    if (!check.ok) return check.reason;
    if (publisher === null) return 'not connected to the broker';
    return publisher(message);
  },

  notify(text, tone) {
    const id = Date.now() + Math.random();
    set({ notices: [...get().notices, { id, text, tone, at: Date.now() }].slice(-NOTICES_MAX) });
  },

  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },

  applyLoadedSettings({ saved, urlOverrides, settings, problems }) {
    set({ savedSettings: saved, urlOverrides, settings, settingsProblems: problems });
  },

  updateSettings(next, origin = 'dialog') {
    const { savedSettings, urlOverrides } = get();
    const layers = changeSettings({ saved: savedSettings, urlOverrides }, next, origin);
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

/**
 * What follows any change of the fleet: threshold rules evaluated against the latest values
 * (alerts raised or resolved only while armed) and pending controls confirmed or reverted.
 */
function afterFleetChange(
  state: HearthState,
  fleet: Fleet,
  alerts: AlertBook,
  nowMs: number,
): Pick<HearthState, 'alerts' | 'ruleState' | 'pending' | 'notices'> {
  let nextAlerts = alerts;
  let ruleState = state.ruleState;
  // Rules are evaluated only while alerts are armed: a value already past its limit when the
  // page opens must still raise its alert once the connection has settled.
  if (state.alertsArmed && (state.settings.rules.length > 0 || ruleState.size > 0)) {
    const evaluation = evaluateRules(state.settings.rules, ruleState, fleet, nowMs);
    ruleState = evaluation.ruleState;
    nextAlerts = applyThresholdEvents(nextAlerts, evaluation.raised, evaluation.resolved, nowMs);
  }
  let pending = state.pending;
  let notices = state.notices;
  if (pending.length > 0) {
    const still: PendingControl[] = [];
    for (const p of pending) {
      const outcome = confirmPending(p, fleet.devices.get(p.device), nowMs);
      if (outcome.state === 'waiting') still.push(p);
      else if (outcome.state === 'reverted') {
        notices = [
          ...notices,
          { id: nowMs + Math.random(), text: outcome.message, tone: 'error' as const, at: nowMs },
        ].slice(-NOTICES_MAX);
      }
    }
    if (still.length !== pending.length) pending = still;
  }
  return { alerts: nextAlerts, ruleState, pending, notices };
}

function newestSeen(snapshot: Snapshot): number | null {
  let newest: number | null = null;
  for (const device of snapshot.devices) {
    if (device.lastSeenAt > 0 && (newest === null || device.lastSeenAt > newest)) newest = device.lastSeenAt;
  }
  return newest;
}
