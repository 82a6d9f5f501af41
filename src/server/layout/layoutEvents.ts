import type { ServerResponse } from 'node:http';
import type { LayoutVersion } from '../../core/layout.ts';

/**
 * A comment line this often keeps proxies and NAT boxes from closing a quiet stream (many drop
 * an idle connection after 30-60 s) and lets the server notice a screen that went away.
 */
export const LAYOUT_KEEP_ALIVE_MS = 25_000;
/** How soon a screen's EventSource reconnects after a drop (browsers wait about 3 s unasked). */
const RECONNECT_MS = 1000;
/**
 * Open streams at most: a house has tens of screens; thousands means something loops. Past it a
 * screen is told to come back later (its EventSource retries) instead of the server growing.
 */
export const LAYOUT_LISTENERS_MAX = 1000;

/** The screens listening for layout changes (`GET /api/layout/events`). */
export interface LayoutEvents {
  /**
   * Starts a stream on `response`, telling it the current version at once; false, with nothing
   * sent, when `LAYOUT_LISTENERS_MAX` streams are open already.
   */
  attach(response: ServerResponse, version: LayoutVersion): boolean;
  /** Tells every listening screen that the layout is now at `version`. */
  announce(version: LayoutVersion): void;
  /** How many streams are open (for tests, and to know the hub holds no one it lost). */
  listeners(): number;
  /** Ends every stream: at shutdown. */
  close(): void;
}

/**
 * Server-Sent Events, one event `layout` with `{"version":N}` per accepted change: a screen
 * refetches `/api/layout` when the number is newer than its own. A stream leaves the hub as soon
 * as its connection closes, so screens coming and going leak nothing.
 */
export function createLayoutEvents(
  keepAliveMs: number = LAYOUT_KEEP_ALIVE_MS,
  maxListeners: number = LAYOUT_LISTENERS_MAX,
): LayoutEvents {
  const open = new Set<ServerResponse>();
  let keepAlive: NodeJS.Timeout | null = null;

  function send(response: ServerResponse, text: string): void {
    if (!response.writableEnded && !response.destroyed) response.write(text);
  }
  function stopKeepAliveIfIdle(): void {
    if (open.size > 0 || keepAlive === null) return;
    clearInterval(keepAlive);
    keepAlive = null;
  }

  return {
    attach(response, version) {
      if (open.size >= maxListeners) return false;
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        // nginx buffers answers unless told; a buffered stream delivers nothing in time.
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      response.flushHeaders();
      open.add(response);
      response.on('close', () => {
        open.delete(response);
        stopKeepAliveIfIdle();
      });
      send(response, `retry: ${RECONNECT_MS}\n${layoutEvent(version)}`);
      if (keepAlive === null) {
        keepAlive = setInterval(() => {
          for (const listener of open) send(listener, ': keep-alive\n\n');
        }, keepAliveMs);
        keepAlive.unref();
      }
      return true;
    },
    announce(version) {
      const event = layoutEvent(version);
      for (const listener of open) send(listener, event);
    },
    listeners: () => open.size,
    close() {
      for (const listener of open) listener.end();
      open.clear();
      stopKeepAliveIfIdle();
    },
  };
}

function layoutEvent(version: LayoutVersion): string {
  return `event: layout\ndata: ${JSON.stringify({ version })}\n\n`;
}
