import { describe, expect, it } from 'vitest';
import { dialableHost, hostPort, httpUrl } from './listenAddress.ts';

describe('dialableHost', () => {
  it('dials loopback for a server listening on every address', () => {
    expect(dialableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(dialableHost('::')).toBe('::1');
  });

  it('dials the very address a server is bound to otherwise', () => {
    expect(dialableHost('192.168.1.5')).toBe('192.168.1.5');
    expect(dialableHost('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('hostPort and httpUrl', () => {
  it('write an IPv4 address as it is', () => {
    expect(hostPort('192.168.1.5', 1883)).toBe('192.168.1.5:1883');
    expect(httpUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080/');
  });

  it('put an IPv6 address in brackets', () => {
    expect(hostPort('::1', 1883)).toBe('[::1]:1883');
    expect(httpUrl('fe80::1', 8080)).toBe('http://[fe80::1]:8080/');
  });
});
