import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiHistoryResponse } from '../../core/historyApi';
import type { QuantityId } from '../../core/quantity';
import { type ChartWindow, serverRange } from './chartWindows';
import type { HistoryPresence, HistorySource } from './historySource';

/** A line has at most this many points from the server, however wide the chart. */
export const SERVER_POINTS_MAX = 1000;
const SERVER_POINTS_MIN = 100;

const never = () => () => {};

/** Whether the server keeps history, as far as it has answered; 'absent' without a server. */
export function useHistoryPresence(history: HistorySource | null): HistoryPresence {
  return useSyncExternalStore(history?.subscribe ?? never, () => history?.presence() ?? 'absent');
}

/**
 * The server's series of a quantity over the window, or null while there is none to draw (no
 * server, a reading of no known quantity, not answered yet, or a failed request: the chart then
 * draws the page's own history, and says nothing of it). Asked again when the window changes,
 * when the page missed time (the client's generation), and every `refreshMs` for long windows.
 * `width` is the chart's width in px: about one point per pixel column.
 */
export function useServerHistory(
  history: HistorySource | null,
  quantity: QuantityId | null,
  window: ChartWindow,
  width: () => number,
): readonly ApiHistoryResponse[] | null {
  const presence = useHistoryPresence(history);
  const generation = useSyncExternalStore(history?.subscribe ?? never, () => history?.generation() ?? 0);
  const [answer, setAnswer] = useState<{ key: string; series: readonly ApiHistoryResponse[] } | null>(null);
  const key = `${quantity}\u0000${window.key}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is why it asks again (the page missed time).
  useEffect(() => {
    if (history === null || quantity === null || presence !== 'present') return;
    const controller = new AbortController();
    const maxAgeMs = window.refreshMs ?? Number.POSITIVE_INFINITY;
    const ask = () => {
      const points = Math.min(SERVER_POINTS_MAX, Math.max(SERVER_POINTS_MIN, Math.round(width())));
      void history
        .quantity(
          quantity,
          window.key,
          { ...serverRange(window, Date.now()), points },
          maxAgeMs,
          controller.signal,
        )
        .then((result) => {
          if (controller.signal.aborted) return;
          if (result.ok) setAnswer({ key, series: result.value.series });
        });
    };
    ask();
    const timer = window.refreshMs === null ? undefined : setInterval(ask, window.refreshMs);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [history, quantity, window, presence, generation, key, width]);
  return presence === 'present' && answer !== null && answer.key === key ? answer.series : null;
}
