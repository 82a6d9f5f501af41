import { type RefObject, useEffect, useRef, useState } from 'react';
import { shallow } from 'zustand/shallow';
import type { Device, Metric } from '../../core/device';
import { boxWidthStyle, grownWidthCh } from '../../core/valueBox';
import type { ViewGate } from '../../core/viewGate';
import { useLiveStore } from '../../store/live';
import { useHearthStore } from '../../store/store';
import { sparklineRedrawIn } from './Sparkline';

/**
 * The live parts of a card: each follows its own readings, so a new value touches the part that
 * shows it, not the card around it (see `sameCardFrame`): a value's text is written in place, the
 * other parts re-render. Each falls back to what the card was drawn with while the store no
 * longer holds it (a device just removed).
 */

/** A reading as the store holds it now (read while rendering, not followed). */
export function latestReading(deviceKey: string, drawn: Metric): Metric {
  return useHearthStore.getState().fleet.devices.get(deviceKey)?.metrics.get(drawn.name) ?? drawn;
}

/** A reading's value as drawn: the element, its text and its box's width (see MetricRow). */
export interface LiveValueText {
  element: RefObject<HTMLSpanElement | null>;
  text: string;
  /** The inline style width of its value box, '' for ordinary text (see `grownWidthCh`). */
  width: string;
}

/**
 * Keeps the text of the element it is given (a reading's value, `data-value` beside it) current
 * without React: each new value of the reading is written into the element's text as the store
 * takes it, in the frame of the fold, for the cost of formatting it. A busy house changes a few
 * hundred values at each fold; rendering each as a component cost a slow tablet most of a second.
 * React draws the element again only when more than the value changes (its unit, its decimals),
 * and then with the value as it is at that moment. The value's box keeps the widest number the
 * row has shown (`grownWidthCh`) until `formatKey` (the unit and decimals chosen) changes.
 */
export function useLiveValueText(
  deviceKey: string,
  metric: Metric,
  format: (value: number) => string,
  formatKey: string,
): LiveValueText {
  const element = useRef<HTMLSpanElement>(null);
  const drawn = useRef({ value: metric.value, format, formatKey, widestCh: 0 });
  const kept = drawn.current;
  if (kept.formatKey !== formatKey) {
    kept.formatKey = formatKey;
    kept.widestCh = 0;
  }
  kept.value = metric.value;
  kept.format = format;
  const text = format(metric.value);
  const width = grownBox(kept, text);
  const name = metric.name;
  useEffect(
    () =>
      useHearthStore.subscribe((state) => {
        const latest = state.fleet.devices.get(deviceKey)?.metrics.get(name);
        const shown = drawn.current;
        const node = element.current;
        if (latest === undefined || node === null || Object.is(latest.value, shown.value)) return;
        shown.value = latest.value;
        const text = shown.format(latest.value);
        // The text node React made, kept: React still knows it when it draws the row again.
        const first = node.firstChild;
        if (first instanceof Text && node.childNodes.length === 1) {
          if (first.nodeValue !== text) first.nodeValue = text;
        } else node.textContent = text;
        // Its box follows the widest number's width (see MetricRow), which changes far less often.
        const width = grownBox(shown, text);
        if (node.style.width !== width) {
          node.style.width = width;
          node.classList.toggle('value-box', width !== '');
        }
        node.setAttribute('data-value', String(latest.value));
      }),
    [deviceKey, name],
  );
  return { element, text, width };
}

/** The box width style for `text` in a row that keeps its widest number (`grownWidthCh`). */
function grownBox(row: { widestCh: number }, text: string): string {
  const widthCh = grownWidthCh(text, row.widestCh);
  if (widthCh !== null) row.widestCh = widthCh;
  return boxWidthStyle(widthCh);
}

/** The latest state of several readings of a device, in the order given. */
export function useLiveMetrics(deviceKey: string, metrics: readonly Metric[]): readonly Metric[] {
  return useLiveStore(
    `${deviceKey}\u0000${metrics.map((metric) => metric.name).join('\u0000')}`,
    (s) => {
      const device = s.fleet.devices.get(deviceKey);
      return metrics.map((metric) => device?.metrics.get(metric.name) ?? metric);
    },
    shallow,
  );
}

/** The device as it is now, for the parts that read its values (its controls). */
export function useLiveDevice(device: Device): Device {
  return useLiveStore(device.id, (s) => s.fleet.devices.get(device.id)) ?? device;
}

/**
 * When the device was last heard from, as it is now, to the second ("last seen" says no more):
 * a device heard five times a second renders it once a second at most.
 */
export function useLiveLastSeen(deviceKey: string, drawnAt: number, gate?: ViewGate): number {
  return useLiveStore(
    `${deviceKey}\u0000seen`,
    (s) => {
      const at = s.fleet.devices.get(deviceKey)?.lastSeenAt ?? drawnAt;
      return at - (at % SECOND_MS);
    },
    Object.is,
    gate,
  );
}

const SECOND_MS = 1000;

/**
 * A reading for its sparkline: a new value redraws it at most every two seconds, and the last one
 * of a burst is drawn when those two seconds are up (see `sparklineRedrawIn`); only while the card
 * is in view (`gate`).
 */
export function useLiveSparklineMetric(deviceKey: string, metric: Metric, gate?: ViewGate): Metric {
  // When the sparkline last took a new reading. The comparison below is asked exactly when the
  // store changed, and a "no" makes the reader take `next`; a new round (the key) reads at once.
  const drawnAt = useRef(0);
  const [round, setRound] = useState(0);
  const later = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (later.current !== null) clearTimeout(later.current);
    },
    [],
  );
  return (
    useLiveStore(
      `${deviceKey}\u0000${metric.name}\u0000sparkline\u0000${round}`,
      (s) => s.fleet.devices.get(deviceKey)?.metrics.get(metric.name),
      (next, drawn) => {
        if (next === undefined || drawn === undefined) return next === drawn;
        const now = Date.now();
        const wait = sparklineRedrawIn(drawn, next, drawnAt.current, now);
        if (wait === 0) {
          drawnAt.current = now;
          return false;
        }
        if (wait !== Number.POSITIVE_INFINITY && later.current === null)
          later.current = setTimeout(() => {
            later.current = null;
            drawnAt.current = Date.now();
            setRound((r) => r + 1);
          }, wait);
        return true;
      },
      gate,
    ) ?? metric
  );
}
