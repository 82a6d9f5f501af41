import { type AlertBook, applyThresholdEvents, reconcileAlerts, reconcileBatteries } from './alerts';
import { type PendingControl, settlePending } from './command';
import type { FoldResult } from './fold';
import { addNotice, type Notice } from './notice';
import { quantityOf, type UnitPreferences } from './quantity';
import { addToRollups, createSeriesRollups, type SeriesRollups } from './rollup';
import { seriesDevice, seriesKey } from './snapshot';
import { evaluateRules, type RuleState, type ThresholdRule } from './thresholds';

/** What the rules after a fold read and write: a slice of the store's state. */
export interface FleetRulesState {
  alerts: AlertBook;
  /**
   * Alerts (offline, stale, battery, threshold) move only while armed: a dashboard that lost its
   * broker must not blame every device for its own silence, nor a reload alert before the
   * retained state has arrived.
   */
  alertsArmed: boolean;
  ruleState: RuleState;
  /** Minute and ten-minute tiers per series (`seriesKey(device key, metric name)`). */
  rollups: Map<string, SeriesRollups>;
  pending: readonly PendingControl[];
  notices: readonly Notice[];
}

/** The settings the rules follow. */
export interface FleetRulesSettings {
  rules: readonly ThresholdRule[];
  /** Only words the threshold alerts ("temperature above 82.4 °F"). */
  units: UnitPreferences;
}

/**
 * What changed in the fleet: a fold's result, or a status refresh as time passes (no samples,
 * nothing removed), or every device at once when alerts are armed.
 */
export type FleetChange = Pick<FoldResult, 'fleet' | 'statusChanged' | 'accepted' | 'removed' | 'described'>;

export type FleetRulesOutcome = Pick<
  FleetRulesState,
  'alerts' | 'ruleState' | 'rollups' | 'pending' | 'notices'
>;

/** A change of statuses alone, as a tick or the arming of alerts sees it. */
export function statusChange(fleet: FoldResult['fleet'], statusChanged: readonly string[]): FleetChange {
  return { fleet, statusChanged: [...statusChanged], accepted: [], removed: [], described: [] };
}

/**
 * The rules that run after every change of the fleet, at `nowMs`:
 * - rollups take the fold's accepted live samples (already clamped to their arrival, so a device
 *   clock in the future lands in the present bucket) and forget the series of removed devices;
 *   retained values are old state, not history. `rollups` is the SAME Map, mutated in place, with
 *   its typed arrays: copying a week of buckets per frame is what the in-place tiers avoid. The
 *   store keeps one Map (replaced only by a restore), and charts sample it a few times a second.
 * - while alerts are armed: offline and stale alerts follow the devices whose status changed,
 *   battery alerts the devices that reported (or changed status, or went away), and threshold
 *   rules are evaluated over the whole fleet (a rule's minimum duration runs on the clock).
 * - pending controls are confirmed by their echo or reverted past their deadline, with a notice.
 * Every other part of the outcome is the object given when nothing moved, so a store can skip
 * an update.
 */
export function applyFleetRules(
  state: FleetRulesState,
  settings: FleetRulesSettings,
  change: FleetChange,
  nowMs: number,
): FleetRulesOutcome {
  const { fleet } = change;
  recordRollups(state.rollups, change);

  let alerts = state.alerts;
  let ruleState = state.ruleState;
  if (state.alertsArmed) {
    alerts = reconcileAlerts(alerts, fleet, change.statusChanged, nowMs);
    alerts = reconcileBatteries(alerts, fleet, batteryCandidates(change), nowMs);
    if (settings.rules.length > 0 || ruleState.size > 0) {
      const evaluation = evaluateRules(settings.rules, ruleState, fleet, nowMs, settings.units);
      ruleState = evaluation.ruleState;
      alerts = applyThresholdEvents(alerts, evaluation.raised, evaluation.resolved, nowMs);
    }
  }

  const settled = settlePending(state.pending, fleet, nowMs);
  let notices = state.notices;
  for (const message of settled.reverted) notices = addNotice(notices, message, 'error', nowMs);

  return { alerts, ruleState, rollups: state.rollups, pending: settled.pending, notices };
}

/** Adds the live accepted samples to their series (created as their quantity aggregates) and prunes removed devices. */
function recordRollups(rollups: Map<string, SeriesRollups>, change: FleetChange): void {
  for (const sample of change.accepted) {
    if (sample.retained || !change.fleet.devices.has(sample.device)) continue;
    const key = seriesKey(sample.device, sample.metric);
    let entry = rollups.get(key);
    if (entry === undefined) {
      const quantity = sample.quantity === null ? undefined : quantityOf(sample.quantity);
      entry = createSeriesRollups(quantity?.aggregation ?? 'mean');
      rollups.set(key, entry);
    }
    addToRollups(entry, sample.at, sample.value);
  }
  if (change.removed.length === 0) return;
  // One pass over the series whatever the number removed (a discovery purge removes hundreds).
  const removed = new Set(change.removed);
  for (const key of rollups.keys()) if (removed.has(seriesDevice(key))) rollups.delete(key);
}

/**
 * Devices whose battery may have moved: ones that reported, changed status, went away or said
 * more of their readings (external power).
 */
function batteryCandidates(change: FleetChange): Set<string> {
  const ids = new Set(change.statusChanged);
  for (const id of change.removed) ids.add(id);
  for (const id of change.described) ids.add(id);
  for (const sample of change.accepted) ids.add(sample.device);
  return ids;
}
