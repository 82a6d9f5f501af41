import { describe, expect, it } from 'vitest';
import {
  applyAddition,
  applyPasswordChange,
  applyRemoval,
  applyRoleChange,
  checkAddition,
  isOnlyOwner,
  summarizeAccount,
} from './accountAdminRules.ts';
import type { Account, DeviceAccount, PersonAccount } from './accountFile.ts';

const CREATED = '2026-01-15T12:00:00.000Z';
const T0 = Date.UTC(2026, 1, 1);
// Shaped as a stored hash; the rules never check it.
const HASH = 'scrypt$N=32768,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const person = (name: string, role: PersonAccount['role']): PersonAccount => ({
  name,
  role,
  hash: HASH,
  createdAt: CREATED,
});
const kim = person('kim', 'owner');
const olga = person('olga', 'owner');
const ann = person('ann', 'control');
const plug: DeviceAccount = {
  name: 'plug',
  role: 'device',
  hash: HASH,
  createdAt: CREATED,
  prefixes: ['tele/plug/'],
};

const namesOf = (change: ReturnType<typeof applyRemoval>) =>
  change.ok ? change.accounts.map((account: Account) => `${account.name}:${account.role}`) : change;

describe('summarizeAccount', () => {
  it('lists a person by name, role and creation, a device with its prefixes, never the hash', () => {
    expect(summarizeAccount(ann)).toEqual({ name: 'ann', role: 'control', createdAt: CREATED });
    expect(summarizeAccount(plug)).toEqual({
      name: 'plug',
      role: 'device',
      prefixes: ['tele/plug/'],
      createdAt: CREATED,
    });
  });
});

describe('adding', () => {
  it('adds at the end with the time it was added', () => {
    const change = applyAddition([kim], { name: 'vera', role: 'view', prefixes: [], hash: HASH }, T0);
    expect(change.ok && change.account).toEqual({
      name: 'vera',
      role: 'view',
      hash: HASH,
      createdAt: new Date(T0).toISOString(),
    });
    expect(namesOf(change)).toEqual(['kim:owner', 'vera:view']);
  });

  it('says a taken name (any case) is a conflict, a bad name a bad request', () => {
    expect(checkAddition([kim, ann], 'Ann', 'view', [])).toMatchObject({ status: 409 });
    expect(checkAddition([kim], 'a b', 'view', [])).toMatchObject({ status: 400 });
    expect(checkAddition([kim], 'plug2', 'device', ['$SYS/'])).toMatchObject({ status: 400 });
    expect(checkAddition([kim], 'vera', 'view', [])).toBeNull();
  });
});

describe('removing', () => {
  it('removes anyone but the only owner', () => {
    expect(namesOf(applyRemoval([kim, ann], 'ANN'))).toEqual(['kim:owner']);
    expect(applyRemoval([kim, ann], 'kim')).toMatchObject({ ok: false, status: 409 });
    expect(namesOf(applyRemoval([kim, olga, ann], 'kim'))).toEqual(['olga:owner', 'ann:control']);
  });

  it('says an unknown name is not found', () => {
    expect(applyRemoval([kim], 'vera')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('changing a role', () => {
  it('changes a person’s role, keeping the rest of the account', () => {
    const change = applyRoleChange([kim, ann], 'ann', 'view');
    expect(change.ok && change.account).toEqual({ ...ann, role: 'view' });
    expect(change.ok && change.changed).toBe(true);
  });

  it('refuses to make the only owner anything else, and a device anything at all', () => {
    expect(applyRoleChange([kim, ann], 'kim', 'control')).toMatchObject({ ok: false, status: 409 });
    expect(applyRoleChange([kim, plug], 'plug', 'view')).toMatchObject({ ok: false, status: 400 });
    expect(applyRoleChange([kim, olga], 'kim', 'control').ok).toBe(true);
  });

  it('changes nothing for the role it has', () => {
    expect(applyRoleChange([kim], 'kim', 'owner')).toMatchObject({ ok: true, changed: false });
  });
});

describe('setting a password', () => {
  it('replaces the hash of the account named, any case', () => {
    const change = applyPasswordChange([kim, ann], 'ANN', 'scrypt$other');
    expect(change.ok && change.accounts.map((account) => account.hash)).toEqual([HASH, 'scrypt$other']);
    expect(applyPasswordChange([kim], 'vera', HASH)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('isOnlyOwner', () => {
  it('is true only of an owner with no other owner beside', () => {
    expect(isOnlyOwner([kim, ann], kim)).toBe(true);
    expect(isOnlyOwner([kim, olga], kim)).toBe(false);
    expect(isOnlyOwner([kim, ann], ann)).toBe(false);
  });
});
