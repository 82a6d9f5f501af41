import { describe, expect, it } from 'vitest';
import type { AccountListing } from '../../store/accountSlice';
import {
  accountRemovalQuestion,
  checkNewAccountForm,
  checkPasswordPair,
  type NewAccountFields,
  passwordSetWords,
  roleChangeQuestion,
  splitPrefixes,
} from './accountForms';

const fields = (changes: Partial<NewAccountFields>): NewAccountFields => ({
  name: 'vera',
  role: 'view',
  password: 'a password',
  again: 'a password',
  prefixes: '',
  ...changes,
});

const vera: AccountListing = {
  name: 'vera',
  role: 'view',
  prefixes: [],
  createdAt: '2026-01-15T12:00:00.000Z',
};

describe('a device’s prefixes as typed', () => {
  it('takes one a line or a comma list, dropping blanks and spaces around', () => {
    expect(splitPrefixes('tele/plug1\n stat/plug1 ,cmnd/plug1/\n\n')).toEqual([
      'tele/plug1',
      'stat/plug1',
      'cmnd/plug1/',
    ]);
    expect(splitPrefixes('  ')).toEqual([]);
  });
});

describe('the add form', () => {
  it('asks the server for a person without prefixes, whatever was typed in the prefixes box', () => {
    expect(checkNewAccountForm(fields({ name: ' vera ', prefixes: 'x/' }))).toEqual({
      ok: true,
      account: { name: 'vera', role: 'view', password: 'a password', prefixes: [] },
    });
  });

  it('sends a device’s prefixes as a list', () => {
    const checked = checkNewAccountForm(
      fields({ name: 'plug1', role: 'device', prefixes: 'tele/plug1, stat/plug1' }),
    );
    expect(checked.ok && checked.account.prefixes).toEqual(['tele/plug1', 'stat/plug1']);
  });

  it('says what is missing before asking the server', () => {
    expect(checkNewAccountForm(fields({ name: '  ' }))).toEqual({
      ok: false,
      reason: 'Give the account a name.',
    });
    expect(checkNewAccountForm(fields({ again: 'a pasword' }))).toEqual({
      ok: false,
      reason: 'The two passwords differ; type them again.',
    });
  });
});

describe('a password typed twice', () => {
  it('is fine only when both match and are not empty', () => {
    expect(checkPasswordPair('a password', 'a password')).toBeNull();
    expect(checkPasswordPair('', '')).toBe('Type the new password.');
    expect(checkPasswordPair('a password', 'A password')).toBe('The two passwords differ; type them again.');
  });
});

describe('what is asked and said', () => {
  it('asks before removing someone, oneself or a device in words fitting each', () => {
    expect(accountRemovalQuestion(vera, 'kim')).toBe(
      'Remove vera (view)? Every screen signed in as vera is signed out at once, and the name can no longer sign in.',
    );
    expect(accountRemovalQuestion({ ...vera, name: 'Kim', role: 'owner' }, 'kim')).toMatch(
      /^Remove your own account Kim\?/,
    );
    expect(accountRemovalQuestion({ ...vera, name: 'plug', role: 'device' }, 'kim')).toMatch(
      /device is disconnected/,
    );
  });

  it('says a role change signs the person in again', () => {
    expect(roleChangeQuestion(vera, 'control', 'kim')).toBe(
      'Make vera control? Every screen signed in as vera signs in again, as control.',
    );
    expect(roleChangeQuestion({ ...vera, name: 'kim' }, 'view', 'kim')).toBe(
      'Make yourself view? This screen signs in again, as view.',
    );
  });

  it('says whose screens ask for the new password', () => {
    expect(passwordSetWords('vera', 'kim')).toMatch(/^vera’s password is set/);
    expect(passwordSetWords('KIM', 'kim')).toMatch(/^Your password is changed/);
  });
});
