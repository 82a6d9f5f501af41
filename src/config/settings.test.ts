import { describe, expect, it } from 'vitest';
import {
  changeSettings,
  DEFAULT_SETTINGS,
  effectiveSettings,
  loadSettings,
  parseNightDim,
  parseRules,
  parseSettingsFile,
  parseTopics,
  serializeSettings,
} from './settings';
import { precisionKey } from './unitSettings';

describe('loadSettings', () => {
  it('starts from the defaults: own broker, house/#, stale after 60 s', () => {
    const { settings, problems } = loadSettings('', null);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([]);
  });

  it('lets URL parameters win over saved settings', () => {
    const saved = JSON.stringify({ brokerUrl: 'ws://saved:9001', topics: ['saved/#'], staleAfterSec: 30 });
    const { settings, urlOverrides } = loadSettings(
      '?broker=ws://url:8080/mqtt&topics=house/%2B/temperature,garden/%23&staleAfter=5',
      saved,
    );
    expect(settings.brokerUrl).toBe('ws://url:8080/mqtt');
    expect(settings.topics).toEqual(['house/+/temperature', 'garden/#']);
    expect(settings.staleAfterSec).toBe(5);
    expect(Object.keys(urlOverrides)).toEqual(['brokerUrl', 'topics', 'staleAfterSec']);
  });

  it('keeps URL parameters out of the saved layer', () => {
    const saved = JSON.stringify({ staleAfterSec: 30 });
    const loaded = loadSettings('?kiosk=1&readonly=1&broker=ws://url:8080/mqtt&staleAfter=5', saved);
    expect(loaded.settings).toMatchObject({ kiosk: true, readonly: true, staleAfterSec: 5 });
    expect(loaded.saved).toEqual({ ...DEFAULT_SETTINGS, staleAfterSec: 30 });
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

describe('changeSettings', () => {
  const kioskVisit = () => loadSettings('?kiosk=1', JSON.stringify({ staleAfterSec: 30 }));

  it('does not save ?kiosk=1 when the user changes something else in the dialog', () => {
    const loaded = kioskVisit();
    const next = changeSettings(loaded, { ...loaded.settings, chime: false }, 'dialog');
    expect(next.saved.kiosk).toBe(false);
    expect(next.saved.chime).toBe(false);
    expect(next.saved.staleAfterSec).toBe(30);
    expect(effectiveSettings(next).kiosk).toBe(true);
    expect(JSON.parse(serializeSettings(next.saved)).kiosk).toBe(false);
  });

  it('saves a URL-fixed field the user changed, and lets the change apply at once', () => {
    const loaded = loadSettings('?kiosk=1&staleAfter=5', null);
    const next = changeSettings(loaded, { ...loaded.settings, kiosk: false }, 'dialog');
    expect(next.saved.kiosk).toBe(false);
    expect(next.saved.staleAfterSec).toBe(DEFAULT_SETTINGS.staleAfterSec);
    expect(effectiveSettings(next)).toMatchObject({ kiosk: false, staleAfterSec: 5 });
  });

  it('saves every field of a settings file, while the URL still wins for this visit', () => {
    const loaded = kioskVisit();
    const next = changeSettings(loaded, { kiosk: false, topics: ['hall/#'] }, 'file');
    expect(next.saved).toMatchObject({ kiosk: false, topics: ['hall/#'], staleAfterSec: 30 });
    expect(effectiveSettings(next)).toMatchObject({ kiosk: true, topics: ['hall/#'] });
  });

  it('saves a password typed during a ?broker= visit together with that broker', () => {
    const stored = {
      brokerUrl: 'ws://hub.local/mqtt',
      username: 'alice',
      password: 'a',
      rememberPassword: true,
    };
    const loaded = loadSettings('?broker=ws://cabin.example/mqtt', JSON.stringify(stored));
    const next = changeSettings(loaded, { ...loaded.settings, username: 'bob', password: 'b' }, 'dialog');
    expect(next.saved).toMatchObject({
      brokerUrl: 'ws://cabin.example/mqtt',
      username: 'bob',
      password: 'b',
    });
    expect(next.urlOverrides.brokerUrl).toBeUndefined();
  });

  it('leaves the saved broker and its credentials alone when the dialog changes something else', () => {
    const stored = {
      brokerUrl: 'ws://hub.local/mqtt',
      username: 'alice',
      password: 'a',
      rememberPassword: true,
    };
    const loaded = loadSettings('?broker=ws://cabin.example/mqtt', JSON.stringify(stored));
    const next = changeSettings(loaded, { ...loaded.settings, chime: false }, 'dialog');
    expect(next.saved).toMatchObject({ brokerUrl: 'ws://hub.local/mqtt', username: 'alice', password: 'a' });
    expect(effectiveSettings(next).brokerUrl).toBe('ws://cabin.example/mqtt');
  });
});

describe('units and precision', () => {
  const kitchen = precisionKey('tasmota/kitchen', 'DS18B20.Temperature');

  it('starts metric, with no per-quantity unit and automatic decimals', () => {
    const { settings } = loadSettings('', null);
    expect(settings.units).toEqual({ system: 'metric', perQuantity: {} });
    expect(settings.precision).toEqual({});
  });

  it('reads saved units and decimals, dropping the parts that are not valid', () => {
    const saved = JSON.stringify({
      units: { system: 'imperial', perQuantity: { pressure: 'hPa', temperature: 'lx' } },
      precision: { [kitchen]: 2, broken: 1 },
    });
    const { settings, problems } = loadSettings('', saved);
    expect(settings.units).toEqual({ system: 'imperial', perQuantity: { pressure: 'hPa' } });
    expect(settings.precision).toEqual({ [kitchen]: 2 });
    expect(problems).toEqual([]);
  });

  it('shows ?units=imperial for the visit without saving it', () => {
    const saved = JSON.stringify({ units: { system: 'metric', perQuantity: { temperature: '°C' } } });
    const loaded = loadSettings('?units=imperial', saved);
    expect(loaded.settings.units).toEqual({ system: 'imperial', perQuantity: {} });
    expect(loaded.saved.units).toEqual({ system: 'metric', perQuantity: { temperature: '°C' } });
    const next = changeSettings(loaded, { ...loaded.settings, chime: false }, 'dialog');
    expect(JSON.parse(serializeSettings(next.saved)).units.system).toBe('metric');
  });

  it('names a ?units it does not know, and keeps the saved units', () => {
    const { settings, problems } = loadSettings('?units=furlongs', null);
    expect(settings.units.system).toBe('metric');
    expect(problems).toEqual(['?units must be metric or imperial']);
  });

  it('exports units and decimals, and imports them back', () => {
    const chosen = {
      ...DEFAULT_SETTINGS,
      units: { system: 'imperial' as const, perQuantity: { pressure: 'mmHg' } },
      precision: { [kitchen]: 0 },
    };
    const file = parseSettingsFile(serializeSettings(chosen), DEFAULT_SETTINGS);
    expect(file.ok && file.settings.units).toEqual(chosen.units);
    expect(file.ok && file.settings.precision).toEqual(chosen.precision);
  });
});

describe('parseRules', () => {
  it('keeps a rule saved before quantities working: its metric name is its quantity, in the canonical unit', () => {
    const [rule] = parseRules([
      {
        id: 'freezer',
        metric: 'temperature',
        device: 'freezer',
        direction: 'above',
        limit: -18,
        hysteresis: 1,
        minDurationMs: 1000,
      },
    ]);
    expect(rule).toEqual({
      id: 'freezer',
      quantity: 'temperature',
      metric: '',
      device: 'generic/freezer',
      direction: 'above',
      limit: -18,
      hysteresis: 1,
      unit: '°C',
      minDurationMs: 1000,
    });
  });

  it('reads an old rule on an alias (temp, brightness) as its quantity', () => {
    expect(
      parseRules([
        { metric: 'temp', limit: 30 },
        { metric: 'brightness', limit: 5 },
      ]),
    ).toMatchObject([
      { quantity: 'temperature', unit: '°C' },
      { quantity: 'illuminance', unit: 'lx' },
    ]);
  });

  it('keeps an old rule on a name of no quantity as a rule by name', () => {
    expect(parseRules([{ metric: 'tank_level', limit: 80 }])).toMatchObject([
      { quantity: null, metric: 'tank_level', unit: '' },
    ]);
  });

  it('reads a rule by quantity with its unit and device key as saved', () => {
    const saved = {
      id: 'r',
      quantity: 'temperature',
      metric: '',
      device: 'tasmota/boiler',
      direction: 'below',
      limit: 41,
      hysteresis: 1.8,
      unit: '°F',
      minDurationMs: 0,
    };
    expect(parseRules([saved])).toEqual([saved]);
  });

  it('drops a rule whose unit is not one of its quantity', () => {
    expect(parseRules([{ quantity: 'temperature', unit: 'hPa', limit: 3 }])).toEqual([]);
  });
});

describe('parseNightDim', () => {
  it('reads a sensor saved by native id before device keys as the generic device, and keeps a key', () => {
    expect(parseNightDim({ mode: 'sensor', sensorDevice: 'hall' })?.sensorDevice).toBe('generic/hall');
    expect(parseNightDim({ mode: 'sensor', sensorDevice: 'zigbee2mqtt/landing' })?.sensorDevice).toBe(
      'zigbee2mqtt/landing',
    );
  });
});

describe('theme and folded rooms', () => {
  it('follows the system and folds no room until the screen chooses', () => {
    const { settings } = loadSettings('', null);
    expect(settings.theme).toBe('system');
    expect(settings.collapsedRooms).toEqual([]);
  });

  it('reads a saved theme and folded rooms, dropping what is not one', () => {
    const stored = JSON.stringify({
      theme: 'dark',
      collapsedRooms: ['kitchen', 7, 'kitchen', '', 'area:hall'],
    });
    const { settings } = loadSettings('', stored);
    expect(settings.theme).toBe('dark');
    expect(settings.collapsedRooms).toEqual(['kitchen', 'area:hall']);
    expect(loadSettings('', JSON.stringify({ theme: 'purple' })).settings.theme).toBe('system');
  });

  it('keeps at most 500 folded rooms', () => {
    const rooms = Array.from({ length: 600 }, (_, i) => `room-${i}`);
    const { settings } = loadSettings('', JSON.stringify({ collapsedRooms: rooms }));
    expect(settings.collapsedRooms).toHaveLength(500);
  });

  it('shows ?theme=dark for the visit without saving it, and names a theme it does not know', () => {
    const loaded = loadSettings('?theme=dark', JSON.stringify({ theme: 'light' }));
    expect(loaded.settings.theme).toBe('dark');
    expect(loaded.saved.theme).toBe('light');
    expect(loadSettings('?theme=sepia', null).problems).toEqual(['?theme must be light, dark or system']);
  });

  it('exports the theme and folded rooms, and imports them back', () => {
    const chosen = { ...DEFAULT_SETTINGS, theme: 'light' as const, collapsedRooms: ['garage'] };
    const parsed = parseSettingsFile(serializeSettings(chosen), DEFAULT_SETTINGS);
    expect(parsed.ok && parsed.settings.theme).toBe('light');
    expect(parsed.ok && parsed.settings.collapsedRooms).toEqual(['garage']);
  });
});

describe('what a view forces', () => {
  const layers = {
    saved: DEFAULT_SETTINGS,
    urlOverrides: {},
    viewOverrides: { readonly: true, kiosk: true },
  };

  it('applies a read-only, big view over saved settings and the URL', () => {
    const settings = effectiveSettings({ ...layers, urlOverrides: { readonly: false } });
    expect(settings.readonly).toBe(true);
    expect(settings.kiosk).toBe(true);
  });

  it('never saves what the view forces when the dialog changes something else', () => {
    const next = { ...effectiveSettings(layers), chime: false };
    const changed = changeSettings(layers, next, 'dialog');
    expect(changed.saved.readonly).toBe(false);
    expect(changed.saved.kiosk).toBe(false);
    expect(changed.saved.chime).toBe(false);
    expect(changed.viewOverrides).toEqual({ readonly: true, kiosk: true });
  });
});
