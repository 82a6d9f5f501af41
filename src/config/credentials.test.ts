import { describe, expect, it } from 'vitest';
import {
  brokerIdentity,
  type CredentialOwners,
  credentialsFor,
  NO_CREDENTIALS,
  profilesOnHost,
  settingsFromFile,
} from './credentials';
import { type BrokerProfile, DEFAULT_SETTINGS, type Settings } from './settings';

const PAGE = { protocol: 'http:', host: 'hearth.local:8080' };
const ALICE = { username: 'alice', password: 'kitchen-7' };

function savedFor(brokerUrl: string | null, profiles: BrokerProfile[] = []): CredentialOwners {
  return { brokerUrl, ...ALICE, profiles };
}

function profile(name: string, brokerUrl: string | null, username: string, password: string): BrokerProfile {
  return {
    name,
    brokerUrl,
    username,
    password,
    rememberPassword: true,
    topics: ['house/#'],
    customPatterns: [],
  };
}

describe('credentialsFor', () => {
  it('signs in to the broker the credentials were saved for', () => {
    const saved = savedFor('ws://hub.local:9001/mqtt');
    expect(credentialsFor('ws://hub.local:9001/mqtt', saved, PAGE)).toEqual(ALICE);
  });

  it('reads the same broker however its URL is spelled: host case, default port, trailing query', () => {
    const saved = savedFor('ws://Hub.Local/mqtt');
    expect(credentialsFor('ws://hub.local:80/mqtt?x=1', saved, PAGE)).toEqual(ALICE);
  });

  it('sends nothing to another host', () => {
    const saved = savedFor('ws://hub.local:9001/mqtt');
    expect(credentialsFor('ws://elsewhere.example:9001/mqtt', saved, PAGE)).toEqual(NO_CREDENTIALS);
  });

  it('sends nothing to another port of the same host', () => {
    const saved = savedFor('ws://hub.local:9001/mqtt');
    expect(credentialsFor('ws://hub.local:9002/mqtt', saved, PAGE)).toEqual(NO_CREDENTIALS);
  });

  it('sends nothing to another path of the same host and port', () => {
    const saved = savedFor('ws://hub.local:9001/mqtt');
    expect(credentialsFor('ws://hub.local:9001/other', saved, PAGE)).toEqual(NO_CREDENTIALS);
  });

  it('sends nothing over wss when they were saved for ws', () => {
    const saved = savedFor('ws://hub.local:9001/mqtt');
    expect(credentialsFor('wss://hub.local:9001/mqtt', saved, PAGE)).toEqual(NO_CREDENTIALS);
  });

  it('signs in to a saved profile’s broker with that profile’s credentials', () => {
    const saved = savedFor(null, [profile('Cabin', 'wss://cabin.example/mqtt', 'bob', 'lake-3')]);
    expect(credentialsFor('wss://cabin.example:443/mqtt', saved, PAGE)).toEqual({
      username: 'bob',
      password: 'lake-3',
    });
  });

  it('reads a null broker as the page’s own, for the saved credentials and for the target', () => {
    const saved = savedFor(null);
    expect(credentialsFor(null, saved, PAGE)).toEqual(ALICE);
    expect(credentialsFor('ws://hearth.local:8080/mqtt', saved, PAGE)).toEqual(ALICE);
    expect(credentialsFor('ws://hearth.local:8080/elsewhere', saved, PAGE)).toEqual(NO_CREDENTIALS);
  });

  it('reads a null broker as wss on an https page', () => {
    const saved = savedFor('wss://hearth.local/mqtt');
    expect(credentialsFor(null, saved, { protocol: 'https:', host: 'hearth.local' })).toEqual(ALICE);
  });

  it('sends nothing to a target that is not a URL', () => {
    expect(credentialsFor('not a url', savedFor('not a url'), PAGE)).toEqual(NO_CREDENTIALS);
  });
});

describe('brokerIdentity', () => {
  it('keeps scheme, host, port and path, and nothing else', () => {
    expect(brokerIdentity('wss://user:pw@Hub.Example/mqtt?a=1#b', PAGE)).toBe('wss://hub.example:443/mqtt');
  });
});

describe('profilesOnHost', () => {
  it('offers profiles on the link’s host at another port, not those elsewhere or already used', () => {
    const otherPort = profile('Hub TLS', 'wss://hub.local:8884/mqtt', 'carol', 'p');
    const exact = profile('Hub', 'ws://hub.local:9001/mqtt', 'dave', 'q');
    const elsewhere = profile('Cabin', 'ws://cabin.example/mqtt', 'bob', 'r');
    const anonymous = profile('Hub guest', 'ws://hub.local:1884/mqtt', '', '');
    const offered = profilesOnHost(
      'ws://hub.local:9001/mqtt',
      [otherPort, exact, elsewhere, anonymous],
      PAGE,
    );
    expect(offered.map((p) => p.name)).toEqual(['Hub TLS']);
  });
});

describe('settingsFromFile', () => {
  const current: Settings = { ...DEFAULT_SETTINGS, brokerUrl: 'ws://hub.local:9001/mqtt', ...ALICE };

  it('keeps our credentials when the file names our broker', () => {
    const next = settingsFromFile(current, { topics: ['garden/#'] }, PAGE);
    expect(next).toMatchObject({ brokerUrl: 'ws://hub.local:9001/mqtt', ...ALICE, topics: ['garden/#'] });
  });

  it('gives a file’s other broker no credentials of ours, and keeps ours as a profile of our broker', () => {
    const next = settingsFromFile(current, { brokerUrl: 'ws://elsewhere.example/mqtt' }, PAGE);
    expect(next).toMatchObject({ brokerUrl: 'ws://elsewhere.example/mqtt', username: '', password: '' });
    expect(next.profiles).toEqual([
      expect.objectContaining({ name: 'hub.local:9001', brokerUrl: 'ws://hub.local:9001/mqtt', ...ALICE }),
    ]);
  });

  it('never pairs our password with a username the file brings for its broker', () => {
    const next = settingsFromFile(
      current,
      { brokerUrl: 'ws://elsewhere.example/mqtt', username: 'guest' },
      PAGE,
    );
    expect(next).toMatchObject({ username: 'guest', password: '' });
  });

  it('keeps the credentials a file carries tied to the file’s broker', () => {
    const fields = { brokerUrl: 'ws://cabin.example/mqtt', username: 'bob', password: 'lake-3' };
    const next = settingsFromFile(current, fields, PAGE);
    expect(next).toMatchObject(fields);
    expect(credentialsFor(next.brokerUrl, next, PAGE)).toEqual({ username: 'bob', password: 'lake-3' });
    expect(credentialsFor(current.brokerUrl, next, PAGE)).toEqual(ALICE);
  });

  it('adds no profile when a profile already holds our credentials', () => {
    const saved = {
      ...current,
      profiles: [profile('Home', current.brokerUrl, ALICE.username, ALICE.password)],
    };
    const next = settingsFromFile(saved, { brokerUrl: 'ws://elsewhere.example/mqtt' }, PAGE);
    expect(next.profiles.map((p) => p.name)).toEqual(['Home']);
  });
});
