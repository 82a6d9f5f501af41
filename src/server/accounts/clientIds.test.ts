import { describe, expect, it } from 'vitest';
import { createClientIds } from './clientIds.ts';

const everyoneExists = () => true;
const claim = (
  owner: string,
  options: { clean?: boolean; connectedAs?: string; exists?: (o: string) => boolean } = {},
) => ({
  id: 'esp-plug',
  owner,
  clean: options.clean ?? false,
  connectedAs: options.connectedAs,
  exists: options.exists ?? everyoneExists,
});

describe('client ids', () => {
  it('refuses an id connected under another account, and lets the same account reconnect', () => {
    const ids = createClientIds();
    expect(ids.claim(claim('device:plug', { connectedAs: 'account:vera' })).ok).toBe(false);
    expect(ids.claim(claim('device:plug', { connectedAs: 'device:plug' })).ok).toBe(true);
  });

  it('keeps a device’s id its own, clean or not, while the device exists', () => {
    const ids = createClientIds();
    expect(ids.claim(claim('device:plug')).ok).toBe(true);
    expect(ids.claim(claim('account:ctl', { clean: true })).ok).toBe(false);
    expect(ids.claim(claim('account:ctl', { clean: false })).ok).toBe(false);
    // The device itself comes back with its kept session.
    expect(ids.claim(claim('device:plug')).ok).toBe(true);
  });

  it('frees a removed device’s id for the account that replaces it', () => {
    const ids = createClientIds();
    ids.claim(claim('device:plug'));
    expect(ids.claim(claim('device:plug2', { exists: (owner) => owner !== 'device:plug' })).ok).toBe(true);
  });

  it('lets people share a tablet’s id, but never hands a person’s kept session to a device', () => {
    const ids = createClientIds();
    expect(ids.claim(claim('account:anna')).ok).toBe(true);
    expect(ids.claim(claim('account:vera')).ok).toBe(true);
    expect(ids.claim(claim('device:plug', { clean: false })).ok).toBe(false);
    expect(ids.claim(claim('device:plug', { clean: true })).ok).toBe(true);
  });

  it('forgets the oldest past its bound', () => {
    const ids = createClientIds(2);
    ids.claim({ ...claim('device:a'), id: 'a' });
    ids.claim({ ...claim('device:b'), id: 'b' });
    ids.claim({ ...claim('device:c'), id: 'c' });
    expect(ids.claim({ ...claim('account:x', { clean: true }), id: 'a' }).ok).toBe(true);
    expect(ids.claim({ ...claim('account:x', { clean: true }), id: 'c' }).ok).toBe(false);
  });
});
