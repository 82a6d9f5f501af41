import { describe, expect, it } from 'vitest';
import type { ScreenEntry } from '../../store/accountSlice';
import { entryAction, removalQuestion, screenName, signedInWords, sortScreens } from './screenRows';

const entry = (fields: Partial<ScreenEntry>): ScreenEntry => ({
  id: 's1',
  account: 'ann',
  role: 'owner',
  kind: 'session',
  label: '',
  createdAt: 1_000,
  lastSeenAt: 2_000,
  current: false,
  ...fields,
});

describe('how settings name a signed-in browser or screen', () => {
  it('names a kept screen by its label and a browser session "Browser"', () => {
    expect(screenName(entry({ kind: 'screen', label: 'Kitchen tablet' }))).toBe('Kitchen tablet');
    expect(screenName(entry({ kind: 'session' }))).toBe('Browser');
    expect(screenName(entry({ kind: 'screen', label: '  ' }))).toBe('Kept screen');
  });

  it('lists this page first, then the most recently seen', () => {
    const tablet = entry({ id: 'tablet', lastSeenAt: 9_000 });
    const phone = entry({ id: 'phone', lastSeenAt: 5_000 });
    const mine = entry({ id: 'mine', lastSeenAt: 1_000, current: true });
    expect(sortScreens([phone, mine, tablet]).map((e) => e.id)).toEqual(['mine', 'tablet', 'phone']);
  });

  it('removes another kept screen, and signs out browsers and this page', () => {
    expect(entryAction(entry({ kind: 'screen' }))).toBe('Remove');
    expect(entryAction(entry({ kind: 'session' }))).toBe('Sign out');
    expect(entryAction(entry({ kind: 'screen', current: true }))).toBe('Sign out');
  });

  it('asks in words before removing another screen', () => {
    expect(
      removalQuestion(entry({ kind: 'screen', label: 'Hall tablet', account: 'vic', role: 'view' })),
    ).toBe(
      'Remove Hall tablet, signed in as vic (view)? It shows the sign-in page until someone signs in there again.',
    );
  });
});

describe('who this page is signed in as', () => {
  it('says the account and role of a browser session', () => {
    expect(signedInWords({ kind: 'signed-in', name: 'Ann', role: 'owner', via: 'session', label: '' })).toBe(
      'Signed in as Ann (owner)',
    );
  });

  it('says a kept screen stays signed in, with its label', () => {
    const tablet = {
      kind: 'signed-in',
      name: 'Ann',
      role: 'control',
      via: 'screen',
      label: 'Kitchen tablet',
    } as const;
    expect(signedInWords(tablet)).toBe('This screen stays signed in as Ann (control) (Kitchen tablet)');
    expect(signedInWords({ ...tablet, label: 'Ann' })).toBe('This screen stays signed in as Ann (control)');
  });

  it('says nothing with no accounts', () => {
    expect(signedInWords({ kind: 'open' })).toBeNull();
    expect(signedInWords({ kind: 'standalone' })).toBeNull();
  });
});
