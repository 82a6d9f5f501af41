import { describe, expect, it } from 'vitest';
import { parseNewAccountRequest, parsePasswordRequest, parseRoleRequest } from './accountAdminRequests.ts';

const body = (value: unknown) => JSON.stringify(value);

describe('parseNewAccountRequest', () => {
  it('reads a person and a device with its prefixes, trimmed', () => {
    expect(parseNewAccountRequest(body({ name: ' vera ', role: 'view', password: 'pw pw pw pw' }))).toEqual({
      ok: true,
      value: { name: 'vera', role: 'view', password: 'pw pw pw pw', prefixes: [] },
    });
    expect(
      parseNewAccountRequest(
        body({ name: 'plug', role: 'device', password: 'x', prefixes: [' tele/plug ', 'cmnd/plug/'] }),
      ),
    ).toMatchObject({ ok: true, value: { prefixes: ['tele/plug', 'cmnd/plug/'] } });
  });

  it('says what is missing or wrong in words', () => {
    expect(parseNewAccountRequest(body({ role: 'view', password: 'x' }))).toEqual({
      ok: false,
      reason: 'Give the new account a name.',
    });
    expect(parseNewAccountRequest(body({ name: 'v', role: 'admin', password: 'x' }))).toMatchObject({
      ok: false,
    });
    expect(parseNewAccountRequest(body({ name: 'v', role: 'view' }))).toEqual({
      ok: false,
      reason: 'Give the new account a password.',
    });
    expect(
      parseNewAccountRequest(body({ name: 'v', role: 'device', password: 'x', prefixes: 'a/' })),
    ).toMatchObject({
      ok: false,
    });
    expect(
      parseNewAccountRequest(body({ name: 'v', role: 'view', password: 'x', prefixes: ['a/'] })),
    ).toEqual({
      ok: false,
      reason: 'Topic prefixes are for device accounts; leave them empty for a person.',
    });
  });

  it('never repeats a body it cannot read, which may hold a password', () => {
    const parsed = parseNewAccountRequest('{"password": "hunter22');
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('hunter22');
    expect(parseNewAccountRequest('[1]')).toMatchObject({ ok: false });
  });
});

describe('parsePasswordRequest', () => {
  it('reads the new password and, when given, the current one', () => {
    expect(parsePasswordRequest(body({ password: 'new one' }))).toEqual({
      ok: true,
      value: { password: 'new one', currentPassword: null },
    });
    expect(parsePasswordRequest(body({ password: 'new one', currentPassword: 'old one' }))).toMatchObject({
      value: { currentPassword: 'old one' },
    });
    expect(parsePasswordRequest(body({ password: '' }))).toMatchObject({ ok: false });
    expect(parsePasswordRequest(body({ password: 'n', currentPassword: 7 }))).toMatchObject({ ok: false });
  });
});

describe('parseRoleRequest', () => {
  it('reads a person’s role and refuses device or anything else in words', () => {
    expect(parseRoleRequest(body({ role: 'control' }))).toEqual({ ok: true, value: { role: 'control' } });
    expect(parseRoleRequest(body({ role: 'device' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/cannot become a device/),
    });
    expect(parseRoleRequest(body({ role: 'Owner' }))).toEqual({
      ok: false,
      reason: 'Choose the role: owner, control or view.',
    });
  });
});
