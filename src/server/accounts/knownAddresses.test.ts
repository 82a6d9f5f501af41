import { describe, expect, it } from 'vitest';
import { createKnownAddresses } from './knownAddresses.ts';

describe('the known addresses of each account', () => {
  it("keys a stranger's attempts by the name alone", () => {
    expect(createKnownAddresses().throttleKey('ada', '203.0.113.7')).toBe('ada');
  });

  it('gives an address that signed in to the account a key of its own, whatever the case of the name', () => {
    const known = createKnownAddresses();
    known.remember('Ada', '192.168.1.20');
    expect(known.throttleKey('ada', '192.168.1.20')).toBe('ada (signs in from 192.168.1.20)');
    expect(known.throttleKey('ada', '203.0.113.7')).toBe('ada');
    expect(known.throttleKey('bob', '192.168.1.20')).toBe('bob');
  });

  it('forgets the address unseen longest once the account has too many', () => {
    const known = createKnownAddresses(2);
    known.remember('ada', '192.168.1.1');
    known.remember('ada', '192.168.1.2');
    known.remember('ada', '192.168.1.1');
    known.remember('ada', '192.168.1.3');
    expect(known.throttleKey('ada', '192.168.1.2')).toBe('ada');
    expect(known.throttleKey('ada', '192.168.1.1')).not.toBe('ada');
    expect(known.throttleKey('ada', '192.168.1.3')).not.toBe('ada');
  });
});
