import { describe, expect, it } from 'vitest';
import { settingsFromFile } from '../../config/credentials';
import { DEFAULT_SETTINGS, type Settings } from '../../config/settings';
import { describeConfigChanges } from './configChanges';

const PAGE = { protocol: 'http:', host: 'hearth.local:8080' };
const SAVED: Settings = {
  ...DEFAULT_SETTINGS,
  username: 'alice',
  password: 'kitchen-7',
  rememberPassword: true,
};

describe('describeConfigChanges', () => {
  it('names the new broker first, and says it gets no password of ours', () => {
    const next = settingsFromFile(SAVED, { brokerUrl: 'wss://elsewhere.example/mqtt', topics: ['#'] }, PAGE);
    const changes = describeConfigChanges(SAVED, next, PAGE);
    expect(changes.slice(0, 2)).toEqual([
      { setting: 'Broker', becomes: 'elsewhere.example (now hearth.local:8080)' },
      { setting: 'Sign-in', becomes: 'none: connects to elsewhere.example without a password' },
    ]);
    expect(changes).toContainEqual({ setting: 'Subscriptions', becomes: '#' });
    expect(changes).toContainEqual({ setting: 'Broker profiles', becomes: '“hearth.local:8080”' });
  });

  it('lists only what differs from the saved settings', () => {
    const next = settingsFromFile(SAVED, { topics: SAVED.topics, kiosk: true, rules: [] }, PAGE);
    expect(describeConfigChanges(SAVED, next, PAGE)).toEqual([
      { setting: 'Wall-tablet layout', becomes: 'on' },
    ]);
  });

  it('says whose name a file signs in with, never the password', () => {
    const fields = { brokerUrl: 'ws://cabin.example/mqtt', username: 'bob', password: 'lake-3' };
    const changes = describeConfigChanges(SAVED, settingsFromFile(SAVED, fields, PAGE), PAGE);
    const signIn = changes.find((c) => c.setting === 'Sign-in');
    expect(signIn?.becomes).toBe('as “bob” with a password from the file, for cabin.example only');
    expect(JSON.stringify(changes)).not.toContain('lake-3');
  });
});
