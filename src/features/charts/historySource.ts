import { defaultBrokerUrl } from '../../core/connectionStatus';
import type { ConventionId } from '../../core/device';
import type { ApiHistoryBatchResponse, ApiHistoryResponse } from '../../core/historyApi';
import type { QuantityId } from '../../core/quantity';

/** Whether this page is served by a Hearth server that keeps history: unknown until it answers. */
export type HistoryPresence = 'unknown' | 'present' | 'absent';

/** A range asked of the server, in epoch ms, and how many points a line may have. */
export interface HistoryQuery {
  fromMs: number;
  toMs: number;
  points: number;
}

export type HistoryResult<T> = { ok: true; value: T; fetchedAt: number } | { ok: false; reason: string };

/** One reading of one device, as the server names it. */
export interface HistorySeriesRef {
  nativeId: string;
  convention: ConventionId;
  metric: string;
}

/**
 * The server's history as the charts read it (app/historyClient.ts implements it over
 * `/api/history`). Answers are cached per quantity and window; `invalidate` drops them when the
 * page missed time (a sleep, an outage), so the charts fetch the back-fill.
 */
export interface HistorySource {
  presence(): HistoryPresence;
  /** Told when the presence changes or the cached answers are dropped; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Counts the drops: a chart fetches again when it changes. */
  generation(): number;
  /** Asks the server once whether it keeps history, if nobody has yet. */
  probe(): void;
  /** The page listens again: a server found absent is asked again, and answers are dropped. */
  reconnected(): void;
  /** The server's device list answered: a history not known present is asked again. */
  serverAnswered(): void;
  /** The page missed time: every cached answer is dropped. */
  invalidate(): void;
  /**
   * Every series of a quantity over a window: a cached answer for (quantity, `windowKey`) younger
   * than `maxAgeMs` and of this generation, else the server's (one request however many ask).
   */
  quantity(
    quantity: QuantityId,
    windowKey: string,
    query: HistoryQuery,
    maxAgeMs: number,
    signal: AbortSignal,
  ): Promise<HistoryResult<ApiHistoryBatchResponse>>;
  /** One series over a range, uncached (an export). */
  series(
    ref: HistorySeriesRef,
    query: HistoryQuery,
    signal: AbortSignal,
  ): Promise<HistoryResult<ApiHistoryResponse>>;
}

/**
 * Whether the server's history is about the broker the page listens to: its own `/mqtt` (no
 * broker chosen, or that one). A page pointed at another broker shows another house, whose
 * history this server does not have.
 */
export function historyServesBroker(
  brokerUrl: string | null,
  page: { protocol: string; host: string },
): boolean {
  return brokerUrl === null || brokerUrl.trim() === '' || brokerUrl.trim() === defaultBrokerUrl(page);
}
