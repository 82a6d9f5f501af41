import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings';
import { EMPTY_ALERTS } from '../core/alerts';
import { EMPTY_FLEET } from '../core/device';
import type { ApiDevice, ApiDevicesResponse } from '../core/historyApi';
import { useHearthStore } from '../store/store';
import { startServerMemory } from './serverMemory';

const NOW = Date.now();

const cellar = (value: number, at: number): ApiDevice => ({
  key: 'generic/cellar',
  id: 'cellar',
  convention: 'generic',
  name: null,
  status: 'online',
  availability: null,
  lastSeenAt: at,
  topics: ['house/cellar/temperature'],
  readings: [
    {
      metric: 'temperature',
      handle: 'temperature',
      label: null,
      quantity: 'temperature',
      value,
      unit: '°C',
      sourceUnit: null,
      precision: null,
      diagnostic: false,
      source: null,
      at,
      receivedAt: at,
      topic: 'house/cellar/temperature',
    },
  ],
});

/** A page without a DOM: what serverMemory reads of `window` and `document`. */
function fakePage() {
  const listeners = new Map<string, () => void>();
  const page = { visibilityState: 'visible' as 'visible' | 'hidden' };
  vi.stubGlobal('window', { location: { protocol: 'http:', host: 'hearth.local:8080' } });
  vi.stubGlobal('document', {
    get visibilityState() {
      return page.visibilityState;
    },
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    removeEventListener: (type: string) => listeners.delete(type),
  });
  return {
    show(state: 'visible' | 'hidden') {
      page.visibilityState = state;
      listeners.get('visibilitychange')?.();
    },
  };
}

/** The server's answers, in order; the last one repeats. */
function serverAnswers(...answers: Array<ApiDevicesResponse | 404>) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    if (url.startsWith('/api/events')) {
      return Promise.resolve(Response.json({ from: 0, to: NOW, events: [], truncated: false }));
    }
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    return Promise.resolve(
      answer === 404 || answer === undefined
        ? new Response('<!doctype html>', { status: 404, headers: { 'Content-Type': 'text/html' } })
        : Response.json(answer),
    );
  });
  return asked;
}

describe('startServerMemory', () => {
  beforeEach(() => {
    useHearthStore.setState({
      fleet: EMPTY_FLEET,
      alerts: EMPTY_ALERTS,
      alertsArmed: false,
      outages: [],
      deafSince: NOW - 60_000,
      listeningSince: null,
      lastDataAt: null,
      rollups: new Map(),
      server: 'unknown',
      pastEvents: [],
      settings: DEFAULT_SETTINGS,
      savedSettings: DEFAULT_SETTINGS,
      urlOverrides: {},
      connection: { kind: 'connected', url: 'ws://hearth.local/mqtt', since: NOW },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('folds what the server remembers before the first messages may fold', async () => {
    fakePage();
    serverAnswers({ now: NOW, broker: null, devices: [cellar(17.5, NOW - 60_000)] });
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await memory.ready;
    const state = useHearthStore.getState();
    expect(state.server).toBe('present');
    expect(state.fleet.devices.get('generic/cellar')?.metrics.get('temperature')?.value).toBe(17.5);
    memory.stop();
  });

  it('shows the remembered house only once the page hears the broker, or knows it cannot', async () => {
    fakePage();
    serverAnswers({ now: NOW, broker: null, devices: [cellar(17.5, NOW - 60_000)] });
    useHearthStore.setState({ connection: { kind: 'connecting', url: 'ws://hearth.local/mqtt' } });
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Still connecting: a device shown now would look live before a reading could reach the page.
    expect(useHearthStore.getState().fleet.devices.size).toBe(0);
    useHearthStore.setState({
      connection: {
        kind: 'error',
        url: 'ws://hearth.local/mqtt',
        cause: 'refused',
        attempt: 1,
        nextAt: null,
      },
    });
    await memory.ready;
    expect(
      useHearthStore.getState().fleet.devices.get('generic/cellar')?.metrics.get('temperature')?.value,
    ).toBe(17.5);
    memory.stop();
  });

  it('standalone (a 404), changes nothing but saying there is no server', async () => {
    fakePage();
    const asked = serverAnswers(404);
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await memory.ready;
    expect(useHearthStore.getState()).toMatchObject({ server: 'absent', fleet: EMPTY_FLEET });
    expect(asked).toEqual(['/api/devices']);
    memory.stop();
  });

  it('does not ask a server about another broker’s house', async () => {
    fakePage();
    const asked = serverAnswers({ now: NOW, broker: null, devices: [cellar(17.5, NOW)] });
    const settings = { ...DEFAULT_SETTINGS, brokerUrl: 'ws://elsewhere.example:9001/mqtt' };
    useHearthStore.setState({ settings, urlOverrides: { brokerUrl: settings.brokerUrl } });
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await memory.ready;
    expect(asked).toEqual([]);
    expect(useHearthStore.getState().server).toBe('absent');
    memory.stop();
  });

  it('connects to the broker the server names when the user chose none, for this visit only', async () => {
    fakePage();
    serverAnswers({ now: NOW, broker: 'wss://house.example/mqtt', devices: [] });
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await memory.ready;
    const state = useHearthStore.getState();
    expect(state.settings.brokerUrl).toBe('wss://house.example/mqtt');
    expect(state.savedSettings.brokerUrl).toBe(null);
    memory.stop();
  });

  it('asks again after a long deafness, and after the page was hidden over a minute', async () => {
    const page = fakePage();
    const asked = serverAnswers(
      { now: NOW, broker: null, devices: [cellar(17.5, NOW - 60_000)] },
      { now: NOW, broker: null, devices: [cellar(19, NOW - 1000)] },
    );
    const memory = startServerMemory({ historyRestored: Promise.resolve() });
    await memory.ready;
    useHearthStore.getState().listen(NOW); // the first listen: nothing to ask
    expect(asked.filter((url) => url === '/api/devices')).toHaveLength(1);

    useHearthStore.getState().goDeaf(Date.now() - 30_000); // the tablet slept half a minute
    useHearthStore.getState().listen(Date.now());
    await vi.waitFor(() =>
      expect(
        useHearthStore.getState().fleet.devices.get('generic/cellar')?.metrics.get('temperature')?.value,
      ).toBe(19),
    );

    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    page.show('hidden');
    vi.setSystemTime(Date.now() + 61_000);
    page.show('visible');
    vi.useRealTimers();
    expect(asked.filter((url) => url === '/api/devices')).toHaveLength(3);
    memory.stop();
  });
});
