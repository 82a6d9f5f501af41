import { describe, expect, it } from 'vitest';
import type { BrokerProfile } from '../../config/settings';
import { credentialsOfferFor, isRefusedForCredentials } from './credentialsOffer';

const PAGE = { protocol: 'http:', host: 'hearth.local:8080' };
const HOME = { brokerUrl: null, username: 'alice', password: 'kitchen-7' };

function profile(name: string, brokerUrl: string): BrokerProfile {
  return {
    name,
    brokerUrl,
    username: 'bob',
    password: 'p',
    rememberPassword: true,
    topics: ['#'],
    customPatterns: [],
  };
}

describe('credentialsOfferFor', () => {
  it('offers nothing on the saved broker', () => {
    expect(credentialsOfferFor(null, { ...HOME, profiles: [] }, PAGE, true)).toBeNull();
  });

  it('offers nothing for a link to a broker that took the dashboard without credentials', () => {
    expect(
      credentialsOfferFor('ws://elsewhere.example/mqtt', { ...HOME, profiles: [] }, PAGE, false),
    ).toBeNull();
  });

  it('asks for credentials, naming the host, when a link’s broker refuses anonymous dashboards', () => {
    expect(
      credentialsOfferFor('ws://elsewhere.example:9001/mqtt', { ...HOME, profiles: [] }, PAGE, true),
    ).toEqual({
      host: 'elsewhere.example:9001',
      profiles: [],
      refused: true,
    });
  });

  it('offers a saved profile on the link’s host', () => {
    const tls = profile('Hub TLS', 'wss://hub.local/mqtt');
    const offer = credentialsOfferFor('ws://hub.local:9001/mqtt', { ...HOME, profiles: [tls] }, PAGE, false);
    expect(offer?.profiles).toEqual([tls]);
  });

  it('offers nothing when a profile at exactly the link’s URL already signs in', () => {
    const hub = profile('Hub', 'ws://hub.local:9001/mqtt');
    expect(
      credentialsOfferFor('ws://hub.local:9001/mqtt', { ...HOME, profiles: [hub] }, PAGE, true),
    ).toBeNull();
  });
});

describe('isRefusedForCredentials', () => {
  it('reads the causes the connection gives for a refused sign-in', () => {
    expect(isRefusedForCredentials('not authorized: check the username and password')).toBe(true);
    expect(isRefusedForCredentials('connection refused by ws://x/mqtt')).toBe(false);
  });
});
