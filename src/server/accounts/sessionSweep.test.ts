import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrokerIdentity } from './brokerIdentity.ts';
import { SESSION_SWEEP_MS, startSessionSweep } from './sessionSweep.ts';
import { createSessionStore } from './sessions.ts';

const NOW = 1_000_000;

function person(sessionId: string | null): BrokerIdentity {
  return {
    kind: 'principal',
    principal: { kind: 'account', name: 'ada', role: 'control' },
    via: sessionId === null ? { kind: 'password' } : { kind: 'session', sessionId, label: '' },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the session sweep', () => {
  it('closes the clients whose session ended, and only those', () => {
    const sessions = createSessionStore();
    const live = sessions.start('ada', 'control', NOW, 'session');
    const ended = sessions.start('ada', 'control', NOW, 'session');
    sessions.revoke(ended.id);
    const connected = [person(live.id), person(ended.id), person(null), { kind: 'open' } as const];
    const closed: BrokerIdentity[] = [];
    const whys: string[] = [];
    const stop = startSessionSweep(
      sessions,
      () => NOW,
      (shouldClose, why) => {
        const picked = connected.filter(shouldClose);
        closed.push(...picked);
        whys.push(why);
        return picked.length;
      },
    );

    vi.advanceTimersByTime(SESSION_SWEEP_MS - 1);
    expect(closed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closed).toEqual([person(ended.id)]);
    expect(whys).toEqual(['its session ended']);
    stop();
  });

  it('looks no more once stopped', () => {
    const closeClients = vi.fn(() => 0);
    const stop = startSessionSweep(createSessionStore(), () => NOW, closeClients);
    stop();
    vi.advanceTimersByTime(SESSION_SWEEP_MS * 3);
    expect(closeClients).not.toHaveBeenCalled();
  });
});
