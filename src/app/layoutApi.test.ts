import { describe, expect, it } from 'vitest';
import type { LayoutChange } from '../core/layout';
import { KEEPALIVE_BODY_MAX, postLayoutChange } from './layoutApi';

function recordingFetch() {
  const calls: RequestInit[] = [];
  const fetcher = async (_input: string, init?: RequestInit) => {
    calls.push(init ?? {});
    return new Response('{}', { status: 503 });
  };
  return { calls, fetcher };
}

const change = (items: unknown[]) => ({ baseVersion: 1, items }) as unknown as LayoutChange;

describe('postLayoutChange', () => {
  it('sends a change of usual size keepalive, so it outlives a page that goes away', async () => {
    const { calls, fetcher } = recordingFetch();
    await postLayoutChange(fetcher, change([{ kind: 'view', name: 'Hall screen' }]));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.keepalive).toBe(true);
  });

  it('sends a change too large for keepalive without it, rather than have the browser refuse it', async () => {
    const { calls, fetcher } = recordingFetch();
    await postLayoutChange(fetcher, change([{ kind: 'note', text: 'x'.repeat(KEEPALIVE_BODY_MAX) }]));
    expect(calls[0]?.keepalive).toBe(false);
    expect(String(calls[0]?.body).length).toBeGreaterThan(KEEPALIVE_BODY_MAX);
  });
});
