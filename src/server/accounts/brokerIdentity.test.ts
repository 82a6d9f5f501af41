import { describe, expect, it } from 'vitest';
import { type BrokerIdentity, identityKey, logSafe, sessionIdOf } from './brokerIdentity.ts';

const byScreen: BrokerIdentity = {
  kind: 'principal',
  principal: { kind: 'account', name: 'Ada', role: 'control' },
  via: { kind: 'screen', sessionId: 's1', label: 'Kitchen tablet' },
};
const byPassword: BrokerIdentity = {
  kind: 'principal',
  principal: { kind: 'account', name: 'ada', role: 'control' },
  via: { kind: 'password' },
};

describe('identityKey', () => {
  it('gives one account the same key whatever the case of its name or how it signed in', () => {
    expect(identityKey(byScreen)).toBe(identityKey(byPassword));
  });

  it('keeps the simulator and an open house apart from any account', () => {
    expect(identityKey({ kind: 'internal', name: 'simulator' })).toBe('internal');
    expect(identityKey({ kind: 'open' })).toBe('open');
  });
});

describe('sessionIdOf', () => {
  it('names the session or screen a person came in by', () => {
    expect(sessionIdOf(byScreen)).toBe('s1');
  });

  it('has none for a password sign-in, the simulator or an open house', () => {
    expect(sessionIdOf(byPassword)).toBeNull();
    expect(sessionIdOf({ kind: 'internal', name: 'simulator' })).toBeNull();
    expect(sessionIdOf({ kind: 'open' })).toBeNull();
  });
});

describe('logSafe', () => {
  it('keeps a forged second log line on the first', () => {
    expect(logSafe('plug\nMQTT sign-in refused for "owner"')).toBe(
      'plug\uFFFDMQTT sign-in refused for "owner"',
    );
    expect(logSafe('a\u2028b\u0085c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('clips a very long client id', () => {
    expect(logSafe('x'.repeat(10_000)).length).toBeLessThan(300);
  });
});
