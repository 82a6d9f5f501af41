import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, parseTopics, serializeSettings } from './settings';

describe('loadSettings', () => {
  it('starts from the defaults: own broker, house/#, stale after 60 s', () => {
    const { settings, problems } = loadSettings('', null);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([]);
  });

  it('lets URL parameters win over saved settings', () => {
    const saved = JSON.stringify({ brokerUrl: 'ws://saved:9001', topics: ['saved/#'], staleAfterSec: 30 });
    const { settings, fromUrl } = loadSettings(
      '?broker=ws://url:8080/mqtt&topics=house/%2B/temperature,garden/%23&staleAfter=5',
      saved,
    );
    expect(settings.brokerUrl).toBe('ws://url:8080/mqtt');
    expect(settings.topics).toEqual(['house/+/temperature', 'garden/#']);
    expect(settings.staleAfterSec).toBe(5);
    expect(fromUrl).toEqual(['brokerUrl', 'topics', 'staleAfterSec']);
  });

  it('keeps saved settings where the URL is silent', () => {
    const saved = JSON.stringify({ brokerUrl: 'ws://saved:9001', username: 'ann', staleAfterSec: 30 });
    const { settings } = loadSettings('?topics=a/%23', saved);
    expect(settings.brokerUrl).toBe('ws://saved:9001');
    expect(settings.username).toBe('ann');
    expect(settings.staleAfterSec).toBe(30);
  });

  it('names invalid filters and keeps the valid ones', () => {
    const { settings, problems } = loadSettings('?topics=house/%23/x,house/%2B/temperature', null);
    expect(settings.topics).toEqual(['house/+/temperature']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/#/);
  });

  it('rejects a staleAfter that is not a positive number of seconds', () => {
    for (const bad of ['abc', '0', '-5', '', 'Infinity']) {
      const { settings, problems } = loadSettings(`?staleAfter=${bad}`, null);
      expect(settings.staleAfterSec).toBe(60);
      expect(problems).toHaveLength(1);
    }
  });

  it('resets unreadable saved settings and says so', () => {
    const { settings, problems } = loadSettings('', '{not json');
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems[0]).toMatch(/unreadable/);
  });

  it('ignores a saved password unless "remember" was ticked', () => {
    expect(
      loadSettings('', JSON.stringify({ password: 'p', rememberPassword: false })).settings.password,
    ).toBe('');
    expect(
      loadSettings('', JSON.stringify({ password: 'p', rememberPassword: true })).settings.password,
    ).toBe('p');
  });
});

describe('serializeSettings', () => {
  it('never writes the password unless the user asked to remember it', () => {
    const forget = JSON.parse(serializeSettings({ ...DEFAULT_SETTINGS, password: 'secret' }));
    expect(forget).not.toHaveProperty('password');
    const remember = JSON.parse(
      serializeSettings({ ...DEFAULT_SETTINGS, password: 'secret', rememberPassword: true }),
    );
    expect(remember.password).toBe('secret');
  });
});

describe('parseTopics', () => {
  it('drops filters a wider one already covers, so no message arrives twice', () => {
    expect(parseTopics('house/+/temperature, house/#').topics).toEqual(['house/#']);
  });
});
