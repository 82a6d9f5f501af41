import { describe, expect, it } from 'vitest';
import {
  addAccount,
  changePassword,
  checkExistingAccount,
  checkNewAccount,
  findAccount,
  noOwnerWarning,
  removeAccount,
} from './accountChanges.ts';
import type { Account } from './accountFile.ts';

const HASH = 'scrypt$N=1024,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
const OTHER_HASH = 'scrypt$N=1024,r=8,p=1$CAgICAgICAgICAgICAgICA$TRU85d5EdvHnMzjmCczYQjK8RvZ17SOsa17v7PF4V98';
const NOW_MS = Date.UTC(2026, 0, 15, 12, 30);

const kim: Account = { name: 'Kim', role: 'owner', hash: HASH, createdAt: '2026-01-01T00:00:00.000Z' };
const tablet: Account = { name: 'tablet', role: 'view', hash: HASH, createdAt: '2026-01-02T00:00:00.000Z' };

describe('adding an account', () => {
  it('adds a person at the end, created now', () => {
    expect(addAccount([kim], { name: 'sam', role: 'control', prefixes: [], hash: HASH }, NOW_MS)).toEqual({
      ok: true,
      value: [kim, { name: 'sam', role: 'control', hash: HASH, createdAt: '2026-01-15T12:30:00.000Z' }],
    });
  });

  it('gives a device its name as its prefix unless told', () => {
    const added = addAccount([], { name: 'plug-1', role: 'device', prefixes: [], hash: HASH }, NOW_MS);
    expect(added.ok && added.value[0]).toMatchObject({ role: 'device', prefixes: ['plug-1/'] });
  });

  it('gives a device the prefix it is told, closed with a slash', () => {
    const added = addAccount(
      [],
      { name: 'plug-1', role: 'device', prefixes: ['tasmota/plug-1'], hash: HASH },
      NOW_MS,
    );
    expect(added.ok && added.value[0]).toMatchObject({ prefixes: ['tasmota/plug-1/'] });
  });

  it('gives a Tasmota plug its three prefixes, each closed with a slash', () => {
    const added = addAccount(
      [],
      { name: 'plug1', role: 'device', prefixes: ['tele/plug1', 'stat/plug1', 'cmnd/plug1'], hash: HASH },
      NOW_MS,
    );
    expect(added.ok && added.value[0]).toMatchObject({
      prefixes: ['tele/plug1/', 'stat/plug1/', 'cmnd/plug1/'],
    });
  });

  it('refuses a device the whole list for one bad prefix', () => {
    expect(checkNewAccount([], 'plug1', 'device', ['tele/plug1', 'cmnd/+'])).toBe(
      "The device prefix 'cmnd/+' cannot hold the MQTT wildcards + or #.",
    );
  });

  it('refuses more than twenty prefixes', () => {
    const rooms = Array.from({ length: 21 }, (_, index) => `room${index}`);
    expect(checkNewAccount([], 'hub', 'device', rooms)).toBe(
      'A device can have at most 20 prefixes; 21 were given.',
    );
  });

  it('refuses a name already taken, whatever its case, saying whose it is', () => {
    expect(addAccount([kim], { name: 'KIM', role: 'view', prefixes: [], hash: HASH }, NOW_MS)).toEqual({
      ok: false,
      reason:
        "There is already an account 'Kim' (owner); choose another name, or change its password with passwd.",
    });
  });

  it('refuses a prefix on a person', () => {
    expect(checkNewAccount([], 'sam', 'control', ['sam/'])).toMatch(/--prefix is for device accounts/);
    expect(checkNewAccount([], 'sam', 'view', ['a/', 'b/'])).toMatch(/--prefix is for device accounts/);
  });

  it('refuses a name with a slash', () => {
    expect(checkNewAccount([], 'kim/admin', 'owner', [])).toMatch(/may hold only letters/);
  });
});

describe('finding, removing and changing an account', () => {
  it('finds an account whatever the case of its name', () => {
    expect(findAccount([kim, tablet], 'kim')).toBe(kim);
  });

  it('checks an account exists, giving it with its name as written', () => {
    expect(checkExistingAccount([kim], 'KIM')).toEqual({ ok: true, value: kim });
    expect(checkExistingAccount([kim], 'sam').ok).toBe(false);
  });

  it('removes the account named', () => {
    expect(removeAccount([kim, tablet], 'tablet')).toEqual({ ok: true, value: [kim] });
  });

  it('refuses to remove an unknown account, listing the ones there are', () => {
    expect(removeAccount([kim, tablet], 'sam')).toEqual({
      ok: false,
      reason: "There is no account 'sam'; the accounts are Kim, tablet (npm run user -- list).",
    });
  });

  it('says there are no accounts yet when there are none', () => {
    expect(removeAccount([], 'sam')).toEqual({
      ok: false,
      reason: "There is no account 'sam': there are no accounts yet.",
    });
  });

  it('replaces only the named account’s hash', () => {
    expect(changePassword([kim, tablet], 'TABLET', OTHER_HASH)).toEqual({
      ok: true,
      value: [kim, { ...tablet, hash: OTHER_HASH }],
    });
  });

  it('refuses to change the password of an unknown account', () => {
    expect(changePassword([kim], 'sam', OTHER_HASH).ok).toBe(false);
  });
});

describe('the warning when no owner is left', () => {
  it('warns when accounts remain but no owner', () => {
    expect(noOwnerWarning([tablet])).toMatch(/^No owner account is left/);
  });

  it('is silent while an owner remains', () => {
    expect(noOwnerWarning([kim, tablet])).toBeNull();
  });

  it('is silent with no accounts at all', () => {
    expect(noOwnerWarning([])).toBeNull();
  });
});
