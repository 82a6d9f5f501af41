import { describe, expect, it, vi } from 'vitest';
import { createAccountsClient, parseAccountList, parseControlLog, parseScreens } from './accountsApi';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const answering = (response: Response) =>
  vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(response));

const TABLET = {
  id: 's2',
  account: 'ann',
  role: 'owner',
  kind: 'screen',
  label: 'Kitchen tablet',
  createdAt: 1_700_000_000_000,
  lastSeenAt: 1_700_000_060_000,
  current: false,
};

const SWITCHED = {
  at: 1_700_000_100_000,
  account: 'ann',
  role: 'owner',
  screen: 'Kitchen tablet',
  kind: 'screen',
  topic: 'cmnd/plug1/POWER',
  payload: 'ON',
  retained: false,
};

describe('parseScreens', () => {
  it('reads the sessions and kept screens the server lists', () => {
    expect(parseScreens({ screens: [TABLET] })).toEqual([TABLET]);
  });

  it('reads an open house’s empty list', () => {
    expect(parseScreens({ screens: [], open: true })).toEqual([]);
  });

  it('leaves out entries that fail the checks, and says when there is no list at all', () => {
    const broken = [
      { ...TABLET, id: 7 },
      { ...TABLET, kind: 'device' },
      { ...TABLET, lastSeenAt: 'now' },
      null,
    ];
    expect(parseScreens({ screens: [...broken, TABLET] })).toEqual([TABLET]);
    expect(parseScreens({ error: 'nope' })).toBeNull();
    expect(parseScreens('<html>')).toBeNull();
  });
});

describe('parseControlLog', () => {
  it('reads control actions newest first, an open house’s without an account', () => {
    const open = { ...SWITCHED, at: SWITCHED.at + 1000, account: null, role: null, screen: '', kind: 'open' };
    expect(parseControlLog({ actions: [SWITCHED, open] })).toEqual([open, SWITCHED]);
  });

  it('leaves out actions without a time, a topic or a text payload', () => {
    const broken = [
      { ...SWITCHED, at: null },
      { ...SWITCHED, topic: '' },
      { ...SWITCHED, payload: { state: 'ON' } },
    ];
    expect(parseControlLog({ actions: [...broken, SWITCHED] })).toEqual([SWITCHED]);
  });
});

describe('the accounts client', () => {
  it('removes a screen with Hearth’s request header', async () => {
    const fetcher = answering(json({ ok: true }));
    const client = createAccountsClient(fetcher, () => {});
    expect(await client.removeScreen('s2')).toEqual({ ok: true, value: null });
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/screens/s2');
    expect(fetcher.mock.calls[0]?.[1]).toMatchObject({
      method: 'DELETE',
      headers: { 'X-Hearth-Request': '1' },
    });
  });

  it('gives a refusal in the server’s words', async () => {
    const refusal = 'Only an owner can sign out another account’s screens.';
    const client = createAccountsClient(answering(json({ error: refusal }, 403)), () => {});
    expect(await client.removeScreen('s9')).toEqual({ ok: false, reason: refusal });
  });

  it('tells the store when an answer says the session ended', async () => {
    const onSignedOut = vi.fn();
    const client = createAccountsClient(
      answering(json({ error: 'Sign in first.', accounts: true }, 401)),
      onSignedOut,
    );
    expect(await client.listScreens()).toEqual({ ok: false, reason: 'This screen is no longer signed in.' });
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it('asks for at most the thousand actions the server keeps', async () => {
    const fetcher = answering(json({ actions: [] }));
    await createAccountsClient(fetcher, () => {}).controlLog(5000);
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/control-log?limit=1000');
  });

  it('says when the server cannot be reached', async () => {
    const client = createAccountsClient(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => {},
    );
    expect(await client.listScreens()).toEqual({
      ok: false,
      reason: 'Hearth cannot be reached; check the network and try again.',
    });
  });
});

describe('parseAccountList', () => {
  const VERA = { name: 'vera', role: 'view', createdAt: '2026-01-15T12:00:00.000Z' };
  const PLUG = {
    name: 'plug',
    role: 'device',
    prefixes: ['tele/plug/', 'cmnd/plug/'],
    createdAt: VERA.createdAt,
  };

  it('reads people without prefixes and devices with theirs, in the server’s order', () => {
    expect(parseAccountList({ accounts: [PLUG, VERA] })).toEqual([PLUG, { ...VERA, prefixes: [] }]);
  });

  it('leaves out entries it cannot offer anything for, and says when there is no list', () => {
    const broken = [{ ...VERA, role: 'admin' }, { ...VERA, name: 7 }, { ...VERA, createdAt: null }, 'vera'];
    expect(parseAccountList({ accounts: [...broken, VERA] })).toEqual([{ ...VERA, prefixes: [] }]);
    expect(parseAccountList({ error: 'Only an owner can manage accounts.' })).toBeNull();
  });

  it('keeps only a device’s prefixes that are text, and none for a person', () => {
    expect(
      parseAccountList({
        accounts: [
          { ...PLUG, prefixes: ['a/', 3] },
          { ...VERA, prefixes: ['x/'] },
        ],
      }),
    ).toEqual([
      { ...PLUG, prefixes: ['a/'] },
      { ...VERA, prefixes: [] },
    ]);
  });
});

describe('managing accounts', () => {
  const bodyOf = (fetcher: ReturnType<typeof answering>) =>
    JSON.parse(String(fetcher.mock.calls[0]?.[1]?.body)) as unknown;

  it('adds an account as JSON with Hearth’s request header, prefixes only for a device', async () => {
    const fetcher = answering(json({ name: 'vera', role: 'view' }, 201));
    const client = createAccountsClient(fetcher, () => {});
    const reply = await client.addAccount({
      name: 'vera',
      role: 'view',
      password: 'a password',
      prefixes: ['x/'],
    });
    expect(reply).toEqual({ ok: true, value: null });
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/accounts');
    expect(fetcher.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'X-Hearth-Request': '1', 'Content-Type': 'application/json' },
    });
    expect(bodyOf(fetcher)).toEqual({ name: 'vera', role: 'view', password: 'a password' });
  });

  it('changes a role and removes an account at the account’s address', async () => {
    const fetcher = answering(json({ ok: true }));
    const client = createAccountsClient(fetcher, () => {});
    await client.changeRole('vera', 'control');
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/accounts/vera');
    expect(fetcher.mock.calls[0]?.[1]).toMatchObject({
      method: 'PATCH',
      headers: { 'X-Hearth-Request': '1' },
    });
    expect(bodyOf(fetcher)).toEqual({ role: 'control' });
    await client.removeAccount('vera');
    expect(fetcher.mock.calls[1]?.[1]).toMatchObject({
      method: 'DELETE',
      headers: { 'X-Hearth-Request': '1' },
    });
  });

  it('changes one’s own password with the current one, sent only when given', async () => {
    const fetcher = answering(json({ ok: true }));
    const client = createAccountsClient(fetcher, () => {});
    await client.setPassword('vera', 'new password', 'old password');
    expect(fetcher.mock.calls[0]?.[0]).toBe('/api/accounts/vera/password');
    expect(bodyOf(fetcher)).toEqual({ password: 'new password', currentPassword: 'old password' });
  });

  it('gives a wrong current password in the server’s words, without taking it for a signed-out session', async () => {
    const onSignedOut = vi.fn();
    const client = createAccountsClient(
      answering(json({ error: 'The current password is wrong.' }, 401)),
      onSignedOut,
    );
    expect(await client.setPassword('vera', 'new password', 'guess')).toEqual({
      ok: false,
      reason: 'The current password is wrong.',
    });
    expect(onSignedOut).not.toHaveBeenCalled();
  });
});
