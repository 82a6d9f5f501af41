import { describe, expect, it } from 'vitest';
import { accessOf, READ_ONLY_REASON } from './access';
import type { Account } from './accountSlice';

const signedIn = (role: 'owner' | 'control' | 'view'): Account => ({
  kind: 'signed-in',
  name: 'Ann',
  role,
  via: 'session',
  label: '',
});

describe('what a screen may do', () => {
  it('allows everything with no accounts, standalone or in an open house, as before accounts', () => {
    for (const account of [{ kind: 'standalone' }, { kind: 'open' }] as const) {
      expect(accessOf(account, false)).toEqual({
        control: true,
        arrange: true,
        controlRefusal: null,
        arrangeRefusal: null,
      });
    }
  });

  it('lets an owner switch and arrange', () => {
    expect(accessOf(signedIn('owner'), false)).toMatchObject({ control: true, arrange: true });
  });

  it('lets a control account switch and set, but not change rooms, names or views', () => {
    const access = accessOf(signedIn('control'), false);
    expect(access).toMatchObject({ control: true, arrange: false, controlRefusal: null });
    expect(access.arrangeRefusal).toBe(
      'Only an owner can change rooms, names and views; this screen is signed in as Ann (control)',
    );
  });

  it('lets a view account watch only, and says so', () => {
    const access = accessOf(signedIn('view'), false);
    expect(access).toMatchObject({ control: false, arrange: false });
    expect(access.controlRefusal).toBe(
      'This screen is signed in as Ann (view): it shows everything but switches and sets nothing',
    );
  });

  it('changes nothing on a read-only screen, even an owner’s', () => {
    expect(accessOf(signedIn('owner'), true)).toEqual({
      control: false,
      arrange: false,
      controlRefusal: READ_ONLY_REASON,
      arrangeRefusal: READ_ONLY_REASON,
    });
  });

  it('changes nothing once signed out', () => {
    expect(accessOf({ kind: 'signed-out', why: 'ended' }, false)).toMatchObject({
      control: false,
      arrange: false,
    });
  });
});
