import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE_NAME } from './requestGuard.ts';
import { createSessionStore } from './sessions.ts';
import { createUpgradeDoor, INTERNAL_CLIENT_HEADER, sameHost } from './upgradeDoor.ts';

const NOW = 1_000_000;

function upgrade(headers: Record<string, string>): IncomingMessage {
  return { headers: { host: 'hearth.local:8080', ...headers } } as unknown as IncomingMessage;
}

function lockedHouse() {
  const sessions = createSessionStore();
  const door = createUpgradeDoor({ isOpen: () => false, sessions }, () => NOW);
  return { sessions, door };
}

describe('the WebSocket upgrade door', () => {
  it("admits a live session as its account, with the session's role", () => {
    const { sessions, door } = lockedHouse();
    const { token, id } = sessions.start('ada', 'view', NOW, 'screen', 'Hall');
    expect(door.admit(upgrade({ cookie: `${SESSION_COOKIE_NAME}=${token}` }))).toEqual({
      ok: true,
      identity: {
        kind: 'principal',
        principal: { kind: 'account', name: 'ada', role: 'view' },
        via: { kind: 'screen', sessionId: id, label: 'Hall' },
      },
    });
  });

  it('answers 401 without a live session and 403 from another origin', () => {
    const { sessions, door } = lockedHouse();
    const { token } = sessions.start('ada', 'view', NOW, 'session');
    expect(door.admit(upgrade({}))).toMatchObject({ ok: false, status: 401 });
    expect(
      door.admit(upgrade({ cookie: `${SESSION_COOKIE_NAME}=${token}`, origin: 'http://hearth.local:9999' })),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("admits the server's own client by its header, and no guess of it", () => {
    const { door } = lockedHouse();
    expect(door.admit(upgrade(door.internalClient('simulator').headers))).toEqual({
      ok: true,
      identity: { kind: 'internal', name: 'internal' },
    });
    expect(door.admit(upgrade({ [INTERNAL_CLIENT_HEADER]: 'guess' }))).toMatchObject({ status: 401 });
  });

  it('admits everyone while the house is open', () => {
    const door = createUpgradeDoor({ isOpen: () => true, sessions: createSessionStore() }, () => NOW);
    expect(door.admit(upgrade({}))).toEqual({ ok: true, identity: { kind: 'open' } });
  });
});

describe('sameHost', () => {
  it('wants the same host and port as the request was sent to', () => {
    expect(sameHost('http://hearth.local:8080', 'hearth.local:8080')).toBe(true);
    expect(sameHost('http://hearth.local:5173', 'hearth.local:8080')).toBe(false);
    expect(sameHost('http://evil.hearth.local:8080', 'hearth.local:8080')).toBe(false);
  });

  it('refuses an origin it cannot read, or a request without a host', () => {
    expect(sameHost('null', 'hearth.local:8080')).toBe(false);
    expect(sameHost('http://hearth.local', undefined)).toBe(false);
  });
});
