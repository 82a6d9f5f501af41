import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../config/settings';
import { settleCredentials, toDraft, withBrokerUrl } from './settingsDraft';

const PAGE = { protocol: 'http:', host: 'hearth.local:8080' };
const HOME: Settings = {
  ...DEFAULT_SETTINGS,
  brokerUrl: 'ws://hub.local:9001/mqtt',
  username: 'alice',
  password: 'kitchen-7',
  rememberPassword: true,
};

describe('withBrokerUrl', () => {
  it('clears the password when the URL names another broker, keeping the username', () => {
    const draft = toDraft(HOME);
    expect(withBrokerUrl(draft, 'ws://elsewhere.example/mqtt', HOME, PAGE)).toEqual({
      brokerUrl: 'ws://elsewhere.example/mqtt',
      username: 'alice',
      password: '',
    });
  });

  it('brings the saved password back when the URL returns to its broker', () => {
    const away = { ...toDraft(HOME), brokerUrl: 'ws://elsewhere.example/mqtt', password: '' };
    expect(withBrokerUrl(away, 'ws://hub.local:9001/mqtt', HOME, PAGE).password).toBe('kitchen-7');
  });

  it('fills a profile’s credentials when the URL is that profile’s', () => {
    const cabin = {
      name: 'Cabin',
      brokerUrl: 'ws://cabin.example/mqtt',
      username: 'bob',
      password: 'lake-3',
      rememberPassword: true,
      topics: ['#'],
      customPatterns: [],
    };
    const draft = toDraft({ ...HOME, profiles: [cabin] });
    expect(withBrokerUrl(draft, 'ws://cabin.example/mqtt', HOME, PAGE)).toMatchObject({
      username: 'bob',
      password: 'lake-3',
    });
  });

  it('keeps what the user typed while the URL still names the same broker', () => {
    const draft = { ...toDraft(HOME), password: 'typed' };
    expect(withBrokerUrl(draft, 'ws://HUB.local:9001/mqtt', HOME, PAGE).password).toBe('typed');
  });
});

describe('settleCredentials', () => {
  it('leaves the saved credentials alone when a link’s broker opened the form without them', () => {
    const current = { ...HOME, brokerUrl: 'ws://elsewhere.example/mqtt' };
    const opened = { ...current, username: '', password: '' };
    const submitted = { ...opened, chime: false };
    expect(settleCredentials(submitted, opened, current, PAGE)).toMatchObject({
      brokerUrl: 'ws://elsewhere.example/mqtt',
      username: 'alice',
      password: 'kitchen-7',
      chime: false,
    });
  });

  it('submits what the user typed for the broker shown', () => {
    const current = { ...HOME, brokerUrl: 'ws://elsewhere.example/mqtt' };
    const opened = { ...current, username: '', password: '' };
    const submitted = { ...opened, username: 'guest', password: 'typed' };
    expect(settleCredentials(submitted, opened, current, PAGE)).toMatchObject({
      username: 'guest',
      password: 'typed',
    });
  });

  it('does not carry an untyped password to another broker (an imported file, a pasted URL)', () => {
    const submitted = { ...HOME, brokerUrl: 'ws://elsewhere.example/mqtt' };
    expect(settleCredentials(submitted, HOME, HOME, PAGE)).toMatchObject({ username: 'alice', password: '' });
  });
});
